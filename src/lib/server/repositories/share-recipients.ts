/**
 * E-mail addresses participants leave at join, with their explicit consent, for
 * one purpose: receiving the link to the results. Deleted with the rest of the
 * participant data when the meeting's retention date passes.
 */
import type { Db } from '../db/open';
import { newId } from '../../board/ids';

export interface Recipient {
	participantId: string;
	email: string;
}

/** Stores the address with the moment of consent, or forgets it (`email` null: no consent given this time). */
export function setEmail(db: Db, participantId: string, email: string | null): void {
	db.prepare('UPDATE participants SET email = ?, email_consent_at = ? WHERE id = ?').run(
		email,
		email === null ? null : Date.now(),
		participantId
	);
}

export function emailOf(db: Db, participantId: string): string | null {
	const row = db.prepare('SELECT email FROM participants WHERE id = ?').get(participantId) as
		{ email: string | null } | undefined;
	return row?.email ?? null;
}

/** Everyone on the board who asked for the results, once per address. */
export function listForBoard(db: Db, boardId: string): Recipient[] {
	return db
		.prepare(
			`SELECT MIN(id) AS participantId, email FROM participants
			 WHERE board_id = ? AND removed = 0 AND email IS NOT NULL AND email_consent_at IS NOT NULL
			 GROUP BY lower(email) ORDER BY email`
		)
		.all(boardId) as Recipient[];
}

export interface Mailing {
	recipients: number;
	sentAt: number;
}

export function recordMailing(db: Db, outcomeId: string, recipients: number): void {
	db.prepare('INSERT INTO outcome_mailings (id, outcome_id, recipients, sent_at) VALUES (?, ?, ?, ?)').run(
		newId(),
		outcomeId,
		recipients,
		Date.now()
	);
}

export function lastMailing(db: Db, outcomeId: string): Mailing | undefined {
	return db
		.prepare(
			`SELECT recipients, sent_at AS sentAt FROM outcome_mailings WHERE outcome_id = ?
			 ORDER BY sent_at DESC LIMIT 1`
		)
		.get(outcomeId) as Mailing | undefined;
}
