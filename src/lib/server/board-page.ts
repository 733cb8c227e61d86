/** What a page showing a live board needs at first paint, for the board itself and its presenter view. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import * as Y from 'yjs';
import QRCode from 'qrcode';
import { appContext } from './context';
import { resolveBoardAccess, type BoardAccess } from './access';
import * as meetings from './repositories/meetings';
import { joinUrl } from './http';
import { publicOrigin } from './origin';
import { errorMessage } from './error-messages';
import { boardStatePayload } from './board-state';

/** The visitor's access to the board, or the redirect or error page that answers instead. */
export function requireBoardPageAccess(event: RequestEvent, boardId: string): BoardAccess {
	const result = resolveBoardAccess(
		appContext().db,
		{ user: event.locals.user, deviceHash: event.locals.deviceHash },
		boardId
	);
	if (!result.ok) {
		if (result.reason === 'unauthenticated') redirect(303, '/join');
		error(result.reason === 'not_found' ? 404 : 403, errorMessage(result.reason));
	}
	return result.access;
}

export async function loadBoardPage(event: RequestEvent, access: BoardAccess) {
	const context = appContext();
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
		me: { id: access.actorId, name: access.actorName, role: access.role, owner: access.owner },
		snapshot: Buffer.from(snapshot).toString('base64')
	};
}
