/**
 * Participant data and its end (GDPR). A meeting may carry a retention date:
 * once it has passed, the names, organisations and e-mail addresses of everyone
 * who joined its boards are deleted, and author names are removed from the
 * boards and their outcomes, while the cards' words stay (docs/outcome-format.md).
 * A facilitator may also delete a meeting with everything in it at once.
 * Imported by server/app.ts: relative imports only.
 */
import * as Y from 'yjs';
import type { AppContext } from './context';
import type { Db } from './db/open';
import * as boards from './repositories/boards';
import * as outcomes from './repositories/outcomes';
import { anonymiseOutcome, removeAuthorNames } from '../outcome/anonymise';
import type { OutcomeDocument } from '../outcome/format';
import { runPeriodically } from './periodic';

/** How often the server looks for meetings whose retention date has passed. */
export const RETENTION_CHECK_MS = 60 * 60 * 1000;

function anonymiseStoredOutcome(db: Db, outcomeId: string, now: number): void {
	const row = outcomes.read(db, outcomeId);
	const state = outcomes.readYjsState(db, outcomeId);
	if (!row || !state) return;
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		removeAuthorNames(doc);
		const document = anonymiseOutcome(JSON.parse(row.document) as OutcomeDocument, now);
		outcomes.replaceAnonymised(db, outcomeId, JSON.stringify(document), Y.encodeStateAsUpdate(doc), now);
	} finally {
		doc.destroy();
	}
}

/**
 * Deletes the participant data of every meeting whose retention date has passed.
 * Runs again every hour: people who join such a board later are deleted at the next run.
 * Answers the meetings it changed.
 */
export function applyRetention(context: AppContext, now = Date.now()): string[] {
	const { db } = context;
	const expired = db
		.prepare(
			`SELECT id, anonymised_at AS anonymisedAt FROM meetings
			 WHERE retain_until IS NOT NULL AND retain_until <= ?`
		)
		.all(now) as Array<{ id: string; anonymisedAt: number | null }>;
	const changed: string[] = [];
	for (const meeting of expired) {
		const boardIds = boards.listByMeeting(db, meeting.id).map((board) => board.id);
		const ids = JSON.stringify(boardIds);
		const removedPeople = db.transaction(() => {
			const people = db
				.prepare('DELETE FROM participants WHERE board_id IN (SELECT value FROM json_each(?))')
				.run(ids).changes;
			// Unrevealed private cards carry their authors' names too.
			db.prepare('DELETE FROM board_drafts WHERE board_id IN (SELECT value FROM json_each(?))').run(ids);
			for (const outcome of outcomes.listNotAnonymised(db, meeting.id))
				anonymiseStoredOutcome(db, outcome.id, now);
			db.prepare('UPDATE meetings SET anonymised_at = ? WHERE id = ?').run(now, meeting.id);
			return people;
		})();
		if (meeting.anonymisedAt !== null && removedPeople === 0) continue;
		for (const boardId of boardIds) context.live.rewriteDoc(boardId, (doc) => void removeAuthorNames(doc));
		changed.push(meeting.id);
	}
	return changed;
}

/** Starts the hourly retention run (and one right away); returns the function that stops it. */
export function startRetention(
	context: AppContext,
	onError: (error: unknown) => void,
	intervalMs = RETENTION_CHECK_MS
): () => void {
	return runPeriodically(() => {
		try {
			applyRetention(context);
		} catch (error) {
			onError(error);
		}
	}, intervalMs);
}

/**
 * Deletes a meeting with its boards, their documents, outcomes, share links and
 * participants (the database cascades from the meeting), then closes every live
 * connection to its boards.
 */
export function deleteMeeting(context: AppContext, meetingId: string): void {
	const boardIds = boards.listByMeeting(context.db, meetingId).map((board) => board.id);
	context.db.prepare('DELETE FROM meetings WHERE id = ?').run(meetingId);
	for (const boardId of boardIds) context.live.boardDeleted(boardId);
}
