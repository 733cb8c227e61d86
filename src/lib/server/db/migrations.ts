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
	`,
	// Dot voting (held by the server, not in the document) and private writing's drafts.
	`
	CREATE TABLE vote_settings (
		board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
		open INTEGER NOT NULL DEFAULT 0,
		budget INTEGER NOT NULL,
		max_per_card INTEGER NOT NULL,
		per_organisation INTEGER NOT NULL DEFAULT 0,
		revealed INTEGER NOT NULL DEFAULT 0,
		updated_at INTEGER NOT NULL
	);
	CREATE TABLE votes (
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		voter_id TEXT NOT NULL,
		target_id TEXT NOT NULL,
		count INTEGER NOT NULL CHECK (count > 0),
		PRIMARY KEY (board_id, voter_id, target_id)
	) WITHOUT ROWID;
	CREATE TABLE private_writing (
		board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
		enabled INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE TABLE board_drafts (
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		participant_id TEXT NOT NULL,
		data BLOB NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (board_id, participant_id)
	);
	`,
	// Meeting outcomes (docs/outcome-format.md): immutable versions, their search index, share links,
	// e-mail addresses participants gave for the results, and each meeting's retention date.
	`
	CREATE TABLE outcomes (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		version INTEGER NOT NULL,
		yjs_state BLOB NOT NULL,
		document TEXT NOT NULL,
		created_by TEXT,
		created_at INTEGER NOT NULL,
		anonymised_at INTEGER,
		UNIQUE (board_id, version)
	);
	CREATE VIRTUAL TABLE outcome_search USING fts5(
		body,
		text UNINDEXED,
		kind UNINDEXED,
		card_id UNINDEXED,
		outcome_id UNINDEXED,
		tokenize = 'unicode61 remove_diacritics 2'
	);
	CREATE TRIGGER outcomes_search_cleanup AFTER DELETE ON outcomes BEGIN
		DELETE FROM outcome_search WHERE outcome_id = old.id;
	END;
	CREATE TABLE outcome_shares (
		id TEXT PRIMARY KEY,
		outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
		token_hash TEXT NOT NULL UNIQUE,
		purpose TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		revoked_at INTEGER
	);
	CREATE INDEX outcome_shares_outcome ON outcome_shares(outcome_id);
	CREATE TABLE outcome_mailings (
		id TEXT PRIMARY KEY,
		outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
		recipients INTEGER NOT NULL,
		sent_at INTEGER NOT NULL
	);
	ALTER TABLE participants ADD COLUMN email TEXT;
	ALTER TABLE participants ADD COLUMN email_consent_at INTEGER;
	ALTER TABLE meetings ADD COLUMN retain_until INTEGER;
	ALTER TABLE meetings ADD COLUMN anonymised_at INTEGER;
	`,
	// Live facilitation: the board's plan of phases, its timer, spotlight and share links.
	`
	ALTER TABLE boards ADD COLUMN phase_plan TEXT NOT NULL
		DEFAULT '["collect","cluster","vote","recommend","done"]';
	ALTER TABLE boards ADD COLUMN phase_index INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE boards ADD COLUMN phase_started_at INTEGER;
	ALTER TABLE boards ADD COLUMN collect_started_at INTEGER;
	CREATE TABLE board_timers (
		board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
		status TEXT NOT NULL CHECK (status IN ('running', 'paused')),
		duration_ms INTEGER NOT NULL,
		ends_at INTEGER,
		remaining_ms INTEGER,
		updated_at INTEGER NOT NULL
	);
	CREATE TABLE board_spotlights (
		board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
		kind TEXT NOT NULL CHECK (kind IN ('card', 'cluster')),
		target_id TEXT NOT NULL,
		set_at INTEGER NOT NULL
	);
	CREATE TABLE board_share_links (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		kind TEXT NOT NULL CHECK (kind IN ('cofacilitator', 'viewer')),
		token_hash TEXT NOT NULL UNIQUE,
		created_at INTEGER NOT NULL,
		revoked_at INTEGER
	);
	CREATE INDEX board_share_links_board ON board_share_links(board_id);
	CREATE TABLE board_cofacilitators (
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		link_id TEXT NOT NULL REFERENCES board_share_links(id) ON DELETE CASCADE,
		added_at INTEGER NOT NULL,
		PRIMARY KEY (board_id, user_id)
	) WITHOUT ROWID;
	CREATE TABLE board_viewers (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		device_hash TEXT NOT NULL,
		link_id TEXT NOT NULL REFERENCES board_share_links(id) ON DELETE CASCADE,
		added_at INTEGER NOT NULL,
		UNIQUE (board_id, device_hash)
	);
	`,
	// Cards in several languages: whether participants may translate cards they did not write.
	`
	ALTER TABLE boards ADD COLUMN interpreters_allowed INTEGER NOT NULL DEFAULT 0;
	`,
	// A meeting's IANA time zone: its times are read and shown in it. Null for meetings from before,
	// which take DEFAULT_TIME_ZONE (their instants were stored right, with the browser's offset).
	`
	ALTER TABLE meetings ADD COLUMN time_zone TEXT;
	`,
	// Where each board's update log starts (docs/board-model.md, "Storage"): compacting a finished
	// board's log makes one entry holding its whole document the start; the rows before it are no
	// longer part of the log and are deleted in small batches in the background.
	`
	ALTER TABLE board_snapshots ADD COLUMN log_start INTEGER NOT NULL DEFAULT 0;
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
