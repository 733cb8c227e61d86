/**
 * Finishing and reopening a board. Finishing stores an outcome version (the Yjs
 * state and the normalised document) and marks the board finished in one
 * transaction, then tells every device: from then on the server drops every
 * update to the board, whoever sends it (canWriteBoard).
 */
import * as Y from 'yjs';
import type { AppContext } from './context';
import type { Db } from './db/open';
import * as boards from './repositories/boards';
import * as meetings from './repositories/meetings';
import * as outcomes from './repositories/outcomes';
import * as search from './repositories/search';
import * as votes from './repositories/votes';
import type { Share } from './repositories/outcome-shares';
import { meetingTimeZone } from './meeting-time-zone';
import { readBoard } from '../board/read';
import type { BoardContent } from '../board/schema';
import { newId } from '../board/ids';
import { buildOutcome } from '../outcome/build';
import type { OutcomeDocument } from '../outcome/format';

export type FinishResult =
	{ ok: true; outcome: outcomes.OutcomeSummary } | { ok: false; code: 'not_found' | 'conflict' };

/** Dots per card and cluster on the board as it is now. */
function voteCounts(db: Db, boardId: string, content: BoardContent): Map<string, number> {
	const targets = new Set([...content.cards, ...content.clusters].map((target) => target.id));
	return new Map(Object.entries(votes.totals(db, boardId, targets)));
}

export function finishBoard(context: AppContext, boardId: string, userId: string): FinishResult {
	const { db } = context;
	// Reading the document, storing and marking the board finished happen in one
	// synchronous stretch: no update can be applied in between.
	const captured = context.live.readDoc(boardId, (doc) => ({
		state: Y.encodeStateAsUpdate(doc),
		content: readBoard(doc)
	}));
	const result = db.transaction((): FinishResult => {
		const board = boards.read(db, boardId);
		if (!board) return { ok: false, code: 'not_found' };
		if (board.finished) return { ok: false, code: 'conflict' };
		const meeting = meetings.read(db, board.meetingId);
		const summary = {
			id: newId(),
			boardId,
			version: outcomes.nextVersion(db, boardId),
			createdAt: Date.now()
		};
		const document = buildOutcome(captured.content, voteCounts(db, boardId, captured.content), {
			...summary,
			meeting: {
				id: board.meetingId,
				title: meeting?.title ?? '',
				startsAt: meeting?.startsAt ?? null,
				location: meeting?.location ?? null,
				timeZone: meetingTimeZone(meeting, () => context.config.defaultTimeZone)
			},
			board: { id: board.id, title: board.title },
			participantCount: outcomes.participantCount(db, boardId)
		});
		outcomes.insert(db, {
			...summary,
			yjsState: captured.state,
			document: JSON.stringify(document),
			createdBy: userId
		});
		search.indexOutcome(db, summary.id, document);
		boards.setFinished(db, boardId, true);
		return { ok: true, outcome: summary };
	})();
	if (result.ok) context.live.boardChanged(boards.read(db, boardId)!);
	return result;
}

/** Makes a finished board writable again; its outcome versions stay as they are. */
export function reopenBoard(
	context: AppContext,
	boardId: string
): { ok: true; board: boards.Board } | { ok: false; code: 'not_found' | 'conflict' } {
	const board = boards.read(context.db, boardId);
	if (!board) return { ok: false, code: 'not_found' };
	if (!board.finished) return { ok: false, code: 'conflict' };
	boards.setFinished(context.db, boardId, false);
	const reopened = boards.read(context.db, boardId)!;
	context.live.boardChanged(reopened);
	return { ok: true, board: reopened };
}

export function parseOutcome(row: outcomes.OutcomeRow): OutcomeDocument {
	return JSON.parse(row.document) as OutcomeDocument;
}

export function outcomeSummaryJson(summary: outcomes.OutcomeSummary) {
	return {
		id: summary.id,
		boardId: summary.boardId,
		version: summary.version,
		createdAt: new Date(summary.createdAt).toISOString()
	};
}

export function shareJson(share: Share, url?: string) {
	return {
		id: share.id,
		purpose: share.purpose,
		createdAt: new Date(share.createdAt).toISOString(),
		revokedAt: share.revokedAt === null ? null : new Date(share.revokedAt).toISOString(),
		...(url ? { url } : {})
	};
}

/** The address of a share link; the token exists only in it. */
export function shareUrl(origin: string, token: string): string {
	return `${origin.replace(/\/$/, '')}/share/${token}`;
}
