import type Database from 'better-sqlite3';

/**
 * Each entry moves the schema one version forward; `PRAGMA user_version` says
 * how many have run. Append only: a released migration never changes.
 */
const MIGRATIONS: string[] = [
	`
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE COLLATE NOCASE,
		name TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		locale TEXT,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		expires_at INTEGER NOT NULL
	);
	CREATE INDEX sessions_user ON sessions(user_id);
	CREATE TABLE meetings (
		id TEXT PRIMARY KEY,
		owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		title TEXT NOT NULL,
		starts_at INTEGER,
		location TEXT,
		description TEXT,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE INDEX meetings_owner ON meetings(owner_id, starts_at);
	CREATE TABLE boards (
		id TEXT PRIMARY KEY,
		meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
		title TEXT NOT NULL,
		template TEXT NOT NULL,
		join_code TEXT NOT NULL UNIQUE,
		phase TEXT NOT NULL DEFAULT 'collect',
		locked INTEGER NOT NULL DEFAULT 0,
		finished INTEGER NOT NULL DEFAULT 0,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE INDEX boards_meeting ON boards(meeting_id);
	CREATE TABLE participants (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		device_hash TEXT NOT NULL,
		name TEXT,
		organisation TEXT,
		role TEXT NOT NULL,
		removed INTEGER NOT NULL DEFAULT 0,
		joined_at INTEGER NOT NULL,
		last_seen_at INTEGER NOT NULL,
		UNIQUE (board_id, device_hash)
	);
	CREATE INDEX participants_device ON participants(device_hash, last_seen_at);
	CREATE TABLE board_updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		data BLOB NOT NULL,
		actor_id TEXT,
		created_at INTEGER NOT NULL
	);
	CREATE INDEX board_updates_board ON board_updates(board_id, seq);
	CREATE TABLE board_clients (
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		client_id INTEGER NOT NULL,
		actor_id TEXT NOT NULL,
		PRIMARY KEY (board_id, client_id)
	) WITHOUT ROWID;
	CREATE TABLE board_snapshots (
		board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
		data BLOB NOT NULL,
		last_seq INTEGER NOT NULL,
		created_at INTEGER NOT NULL
	);
	`
];

export function migrate(db: Database.Database): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	if (current > MIGRATIONS.length) {
		throw new Error(
			`The database was written by a newer version of WeDo Board (schema ${current}); this version knows ${MIGRATIONS.length}.`
		);
	}
	for (let version = current; version < MIGRATIONS.length; version++) {
		db.transaction(() => {
			db.exec(MIGRATIONS[version]);
			db.pragma(`user_version = ${version + 1}`);
		})();
	}
}
