/**
 * Looks into the SQLite file the way an operator would, to prove what is (and
 * is not) stored, independent of the server's memory.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

function open(file: string): Database.Database {
	return new Database(file, { readonly: true, fileMustExist: true });
}

/** A digest per table of every stored row: equal fingerprints mean nothing was stored or changed. */
export function fingerprint(file: string): Record<string, string> {
	const db = open(file);
	try {
		const tables = db
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
			)
			.all() as Array<{ name: string }>;
		const result: Record<string, string> = {};
		for (const { name } of tables) {
			const rows = (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[])
				.map((row) => JSON.stringify(row))
				.sort();
			result[name] = `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex')}`;
		}
		return result;
	} finally {
		db.close();
	}
}

/** The board's document as stored: its snapshot with every logged update after it. */
export function readStoredBoard(file: string, boardId: string): Y.Doc {
	const db = open(file);
	try {
		const doc = new Y.Doc();
		const snapshot = db
			.prepare('SELECT data, last_seq AS lastSeq FROM board_snapshots WHERE board_id = ?')
			.get(boardId) as { data: Buffer; lastSeq: number } | undefined;
		const updates = db
			.prepare('SELECT data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq')
			.all(boardId, snapshot?.lastSeq ?? 0) as Array<{ data: Buffer }>;
		if (snapshot) Y.applyUpdate(doc, snapshot.data);
		for (const update of updates) Y.applyUpdate(doc, update.data);
		return doc;
	} finally {
		db.close();
	}
}

/** `PRAGMA integrity_check` on a file no server has open (opening it recovers a crashed WAL). */
export function integrityCheck(file: string): string {
	const db = new Database(file, { fileMustExist: true });
	try {
		return db.pragma('integrity_check', { simple: true }) as string;
	} finally {
		db.close();
	}
}
