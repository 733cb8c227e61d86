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
import { readBoard } from '../board/read';
import type { BoardContent } from '../board/schema';
import { keepRenderedContent } from '../rendered-content';

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
	const { state, content } = context.live.readDoc(board.id, pageState);
	const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	// Last before the render, so that another request for the board rarely replaces it in between.
	keepRenderedContent(board.id, state, content);
	return {
		board: boardStatePayload(board),
		joinCode: board.joinCode,
		joinUrl: url,
		qrSvg,
		meeting: meeting && {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			location: meeting.location
		},
		me: { id: access.actorId, name: access.actorName, role: access.role, owner: access.owner },
		snapshot: state
	};
}

interface PageState {
	/** The Yjs state, base64, for the browser's document. */
	state: string;
	/** The same as board content, for the server's render. */
	content: BoardContent;
}

/** Per live document, until its next change: everyone opening a board between two changes gets the same. */
const pageStates = new WeakMap<Y.Doc, PageState>();

function pageState(doc: Y.Doc): PageState {
	let kept = pageStates.get(doc);
	if (!kept) {
		kept = { state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'), content: readBoard(doc) };
		pageStates.set(doc, kept);
		doc.once('update', () => pageStates.delete(doc));
	}
	return kept;
}
