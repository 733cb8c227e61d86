import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { boardAccess } from '$lib/server/access';
import { clientAddress } from '$lib/server/http';
import { errorMessage } from '$lib/server/error-messages';
import * as boards from '$lib/server/repositories/boards';
import * as meetings from '$lib/server/repositories/meetings';
import * as shareLinks from '$lib/server/repositories/share-links';
import { m } from '$lib/paraglide/messages';

/** The standing co-facilitator link behind the token and its board; guessing is limited like join codes. */
function invitation(event: RequestEvent<{ token: string }>) {
	const context = appContext();
	const address = clientAddress(event);
	const limiter = context.limiters.failuresPerAddress;
	if (limiter.isBlocked(address)) error(429, errorMessage('rate_limited'));
	const link = shareLinks.readActiveByToken(context.db, event.params.token, 'cofacilitator');
	const board = link && boards.read(context.db, link.boardId);
	if (!link || !board) {
		limiter.recordFailure(address);
		error(404, m.board_share_link_invalid());
	}
	return { link, board };
}

export function load(event) {
	const { board } = invitation(event);
	const meeting = meetings.read(appContext().db, board.meetingId);
	const user = event.locals.user;
	// Who already facilitates (the owner, or a co-facilitator) goes straight to the board.
	if (user && boardAccess(appContext().db, { user, deviceHash: null }, board)?.role === 'facilitator') {
		redirect(303, `/boards/${board.id}`);
	}
	return {
		board: { title: board.title },
		meeting: meeting && { title: meeting.title },
		signedIn: user !== null,
		loginUrl: `/login?next=${encodeURIComponent(event.url.pathname)}`
	};
}

export const actions = {
	accept: async (event) => {
		const user = event.locals.user;
		if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
		const { link, board } = invitation(event);
		if (boardAccess(appContext().db, { user, deviceHash: null }, board)?.role !== 'facilitator') {
			shareLinks.addCofacilitator(appContext().db, link, user.id);
		}
		redirect(303, `/boards/${board.id}`);
	}
};
