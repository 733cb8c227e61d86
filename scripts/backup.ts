/**
 * `npm run backup -- <file>`: a consistent copy of the database at DATA_DIR,
 * made with SQLite's online backup API, so the server may keep running (and
 * writing) meanwhile. The copy is written beside its destination first and
 * renamed into place only after it passed `PRAGMA integrity_check`, so a
 * backup that fails half-way never looks like a good one. Restore: README,
 * "Backup and restore".
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readConfig } from '../src/lib/server/config';

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

const target = process.argv[2];
if (!target || process.argv.length > 3) fail('Usage: npm run backup -- <file>');

const source = readConfig().databaseFile;
if (!fs.existsSync(source)) fail(`No database at ${source} (set DATA_DIR to the server's data directory).`);
const destination = path.resolve(target);
if (destination === source) fail('The backup must not overwrite the database itself.');
fs.mkdirSync(path.dirname(destination), { recursive: true });
const partial = `${destination}.partial`;
fs.rmSync(partial, { force: true });

// No migrations and no writes: a running server of another version must find its database as it left it.
const db = new Database(source, { fileMustExist: true });
try {
	db.pragma('busy_timeout = 5000');
	const started = Date.now();
	// All pages in one step, inside one read transaction: a copy of one moment. In WAL mode the server
	// keeps writing meanwhile; copying in small steps would restart with each of its writes.
	const { totalPages } = await db.backup(partial, { progress: () => 0x7fffffff });
	const copy = new Database(partial, { fileMustExist: true });
	let check: unknown;
	try {
		check = copy.pragma('integrity_check', { simple: true });
	} finally {
		copy.close();
	}
	if (check !== 'ok') {
		fs.rmSync(partial, { force: true });
		fail(`The copy failed its integrity check (${String(check)}); nothing was written.`);
	}
	fs.renameSync(partial, destination);
	const bytes = fs.statSync(destination).size;
	console.log(
		`Backed up ${source} to ${destination}: ${totalPages} pages, ${bytes} bytes, ` +
			`${Date.now() - started} ms, integrity ok.`
	);
} catch (error) {
	fs.rmSync(partial, { force: true });
	fail(`Backup failed: ${(error as Error).message}`);
} finally {
	db.close();
}
