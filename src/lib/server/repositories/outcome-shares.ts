/**
 * Share links: an unguessable token opens one outcome without an account. Only
 * the token's hash is stored, so the link is shown once, when it is made; a
 * revoked link stays on record so that its holder is told it was withdrawn.
 */
import type { Db } from '../db/open';
import { newId } from '../../board/ids';
import { generateToken, hashToken } from '../auth/tokens';

export type SharePurpose = 'link' | 'mail';

export interface Share {
	id: string;
	outcomeId: string;
	purpose: SharePurpose;
	createdAt: number;
	revokedAt: number | null;
}

const COLUMNS = 'id, outcome_id AS outcomeId, purpose, created_at AS createdAt, revoked_at AS revokedAt';

/** A new link; the token is returned only here. */
export function create(db: Db, outcomeId: string, purpose: SharePurpose): { share: Share; token: string } {
	const token = generateToken();
	const share: Share = { id: newId(), outcomeId, purpose, createdAt: Date.now(), revokedAt: null };
	db.prepare(
		'INSERT INTO outcome_shares (id, outcome_id, token_hash, purpose, created_at) VALUES (?, ?, ?, ?, ?)'
	).run(share.id, outcomeId, hashToken(token), purpose, share.createdAt);
	return { share, token };
}

export function readByToken(db: Db, token: string): Share | undefined {
	return db.prepare(`SELECT ${COLUMNS} FROM outcome_shares WHERE token_hash = ?`).get(hashToken(token)) as
		Share | undefined;
}

export function listByOutcome(db: Db, outcomeId: string): Share[] {
	return db
		.prepare(`SELECT ${COLUMNS} FROM outcome_shares WHERE outcome_id = ? ORDER BY created_at DESC`)
		.all(outcomeId) as Share[];
}

/** Revokes a link of this outcome; false when there is no such link. Revoking twice keeps the first date. */
export function revoke(db: Db, outcomeId: string, shareId: string): boolean {
	const result = db
		.prepare('UPDATE outcome_shares SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND outcome_id = ?')
		.run(Date.now(), shareId, outcomeId);
	return result.changes === 1;
}

/** Undoes `create` when the e-mails that were to carry the link could not be sent. */
export function remove(db: Db, shareId: string): void {
	db.prepare('DELETE FROM outcome_shares WHERE id = ?').run(shareId);
}
