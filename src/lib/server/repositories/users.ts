import type { Db } from '../db/open';
import { newId } from '../../board/ids';

export interface User {
	id: string;
	email: string;
	name: string;
	locale: string | null;
}

interface UserRow extends User {
	password_hash: string;
}

export function create(
	db: Db,
	input: { email: string; name: string; passwordHash: string; locale?: string | null }
): User | null {
	const user: User = { id: newId(), email: input.email, name: input.name, locale: input.locale ?? null };
	const result = db
		.prepare(
			`INSERT INTO users (id, email, name, password_hash, locale, created_at)
			 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`
		)
		.run(user.id, user.email, user.name, input.passwordHash, user.locale, Date.now());
	return result.changes === 1 ? user : null;
}

export function readByEmail(db: Db, email: string): (User & { passwordHash: string }) | undefined {
	const row = db
		.prepare('SELECT id, email, name, locale, password_hash FROM users WHERE email = ?')
		.get(email) as UserRow | undefined;
	return (
		row && {
			id: row.id,
			email: row.email,
			name: row.name,
			locale: row.locale,
			passwordHash: row.password_hash
		}
	);
}

export function setPasswordHash(db: Db, userId: string, passwordHash: string): void {
	db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
}

export function setLocale(db: Db, userId: string, locale: string): void {
	db.prepare('UPDATE users SET locale = ? WHERE id = ?').run(locale, userId);
}
