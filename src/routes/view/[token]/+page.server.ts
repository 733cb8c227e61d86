import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { DEVICE_COOKIE } from '$lib/server/access';
import { clientAddress, setDeviceCookie } from '$lib/server/http';
import { errorMessage } from '$lib/server/error-messages';
import { generateToken, hashToken } from '$lib/server/auth/tokens';
import * as boards from '$lib/server/repositories/boards';
import * as shareLinks from '$lib/server/repositories/share-links';
import { m } from '$lib/paraglide/messages';

/**
 * Opening a viewer link admits this device to watch the board (read-only), e.g.
 * the projector's laptop. It grants nothing a device could misuse, so opening
 * the link is enough; revoking the link takes it back.
 */
export function load(event) {
	const context = appContext();
	const address = clientAddress(event);
	const limiter = context.limiters.failuresPerAddress;
	if (limiter.isBlocked(address)) error(429, errorMessage('rate_limited'));
	const link = shareLinks.readActiveByToken(context.db, event.params.token, 'viewer');
	const board = link && boards.read(context.db, link.boardId);
	if (!link || !board) {
		limiter.recordFailure(address);
		error(404, m.board_share_link_invalid());
	}
	const deviceToken = event.cookies.get(DEVICE_COOKIE) ?? generateToken();
	shareLinks.addViewer(context.db, link, hashToken(deviceToken));
	setDeviceCookie(event, deviceToken);
	return { board: { id: board.id, title: board.title } };
}
