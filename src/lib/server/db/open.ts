import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

/** Thrown when the file exists but is not a healthy SQLite database; the message says what to do. */
export class DatabaseDamagedError extends Error {
	constructor(file: string, detail: string) {
		super(
			`The database file ${file} is damaged or is not a WeDo Board database (${detail}). ` +
				'Restore it from a backup (see README, "Backup and restore") or move it away to start empty.'
		);
		this.name = 'DatabaseDamagedError';
	}
}

/** Opens (or creates) the database, checks its integrity and brings its schema up to date. */
export function openDatabase(file: string): Db {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	let db: Db | undefined;
	try {
		db = new Database(file);
		db.pragma('journal_mode = WAL');
		// NORMAL in WAL mode survives a crash of the process (kill -9); only a power cut can lose the last commits.
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		// The full check (indexes against tables too) takes about 0.2 s for a 125 MB database: worth it at start.
		const check = db.pragma('integrity_check', { simple: true });
		if (check !== 'ok') throw new DatabaseDamagedError(file, String(check));
		migrate(db);
		return db;
	} catch (error) {
		db?.close();
		if (error instanceof DatabaseDamagedError) throw error;
		const code = (error as { code?: string }).code;
		if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
			throw new DatabaseDamagedError(file, code);
		}
		throw error;
	}
}
