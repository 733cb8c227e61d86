import { error, redirect } from '@sveltejs/kit';
import * as Y from 'yjs';
import QRCode from 'qrcode';
import { appContext } from '$lib/server/context';
import { resolveBoardAccess } from '$lib/server/access';
import * as meetings from '$lib/server/repositories/meetings';
import { joinUrl } from '$lib/server/http';
import { publicOrigin } from '$lib/server/origin';
import { errorMessage } from '$lib/server/error-messages';
import { boardStatePayload } from '$lib/server/board-state';

export async function load(event) {
	const context = appContext();
	const result = resolveBoardAccess(
		context.db,
		{ user: event.locals.user, deviceHash: event.locals.deviceHash },
		event.params.boardId
	);
	if (!result.ok) {
		if (result.reason === 'unauthenticated') redirect(303, '/join');
		error(result.reason === 'not_found' ? 404 : 403, errorMessage(result.reason));
	}
	const { access } = result;
	const { board } = access;
	const meeting = meetings.read(context.db, board.meetingId);
	const url = joinUrl(publicOrigin(event), board.joinCode);
	// The document as the server holds it now: the page renders at once, the live connection then catches up.
	const snapshot = context.live.readDoc(board.id, (doc) => Y.encodeStateAsUpdate(doc));
	return {
		board: boardStatePayload(board),
		joinCode: board.joinCode,
		joinUrl: url,
		qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
		meeting: meeting && {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			location: meeting.location
		},
		me: { id: access.actorId, name: access.actorName, role: access.role },
		snapshot: Buffer.from(snapshot).toString('base64')
	};
}
