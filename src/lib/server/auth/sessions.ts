import type { Db } from '../db/open';
import { generateToken, hashToken } from './tokens';

export const SESSION_COOKIE = 'wedo_session';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** A session used within its last 15 days is extended: active facilitators stay signed in. */
const RENEW_WITHIN_MS = 15 * DAY;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	locale: string | null;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: number;
}

export interface ValidatedSession {
	session: Session;
	user: SessionUser;
	/** True when the expiry moved, so the cookie must be sent again. */
	renewed: boolean;
}

export function createSession(db: Db, userId: string, now = Date.now()): { token: string; session: Session } {
	const token = generateToken();
	const session = { id: hashToken(token), userId, expiresAt: now + SESSION_LIFETIME_MS };
	db.prepare('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)').run(
		session.id,
		session.userId,
		session.expiresAt
	);
	return { token, session };
}

export function validateSessionToken(db: Db, token: string, now = Date.now()): ValidatedSession | null {
	const id = hashToken(token);
	const row = db
		.prepare(
			`SELECT s.id, s.user_id, s.expires_at, u.email, u.name, u.locale
			 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`
		)
		.get(id) as
		| { id: string; user_id: string; expires_at: number; email: string; name: string; locale: string | null }
		| undefined;
	if (!row) return null;
	if (now >= row.expires_at) {
		invalidateSession(db, id);
		return null;
	}
	let expiresAt = row.expires_at;
	let renewed = false;
	if (now >= expiresAt - RENEW_WITHIN_MS) {
		expiresAt = now + SESSION_LIFETIME_MS;
		db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
		renewed = true;
	}
	return {
		session: { id, userId: row.user_id, expiresAt },
		user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale },
		renewed
	};
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
}
