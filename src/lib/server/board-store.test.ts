import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardStore } from './board-store';
import { DatabaseDamagedError, openDatabase, type Db } from './db/open';
import * as boards from './repositories/boards';
import * as meetings from './repositories/meetings';
import * as outcomes from './repositories/outcomes';
import * as users from './repositories/users';
import { addCard, applyTextChange, cardText, deleteCard } from '../board/cards';
import { newId } from '../board/ids';
import { readBoard } from '../board/read';
import { newTestBoard, testCard } from '../board/testing';

let dir: string;
let db: Db;
let store: BoardStore;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wedo-store-'));
	db = openDatabase(path.join(dir, 'wedo.sqlite'));
	store = new BoardStore(db);
});

afterEach(() => {
	if (db.open) db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Boards belong to a meeting of a user: the foreign keys are on. */
function createBoardRow(): string {
	const user = users.create(db, { email: `f${Math.random()}@example.org`, name: 'F', passwordHash: 'x' })!;
	const meeting = meetings.create(db, user.id, {
		title: 'Auftakt',
		startsAt: null,
		location: null,
		description: null
	});
	return boards.create(db, meeting.id, 'Board', 'challenges-solutions').id;
}

/** Records every update a document emits, as the board room stores what devices send. */
function recordUpdates(doc: Y.Doc): Uint8Array[] {
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return updates;
}

function loaded(boardId: string, from = store): { doc: Y.Doc; updatesSinceSnapshot: number } {
	const doc = new Y.Doc();
	const { updatesSinceSnapshot } = from.load(boardId, doc);
	return { doc, updatesSinceSnapshot };
}

describe('BoardStore', () => {
	it('loads the initial document and every update appended after it', () => {
		const boardId = createBoardRow();
		const { doc, challengeColumnId } = newTestBoard();
		store.createInitial(boardId, doc);
		const updates = recordUpdates(doc);
		addCard(doc, testCard({ columnId: challengeColumnId, text: 'Förderanträge sind zu kompliziert.' }));
		addCard(doc, testCard({ columnId: challengeColumnId, text: 'Räume fehlen 🏠' }));
		store.append(boardId, [{ data: updates[0], actorId: 'p1' }]);
		store.append(boardId, [{ data: updates[1], actorId: null }]);

		const copy = loaded(boardId);
		expect(readBoard(copy.doc)).toEqual(readBoard(doc));
		expect(copy.updatesSinceSnapshot).toBe(2);
		expect(store.updatesSinceSnapshot(boardId)).toBe(2);
	});

	it('keeps the log when the database is reopened', () => {
		const boardId = createBoardRow();
		const { doc, challengeColumnId } = newTestBoard();
		store.createInitial(boardId, doc);
		const updates = recordUpdates(doc);
		addCard(doc, testCard({ columnId: challengeColumnId }));
		store.append(
			boardId,
			updates.map((data) => ({ data, actorId: 'p1' }))
		);
		db.close();
		db = openDatabase(path.join(dir, 'wedo.sqlite'));
		expect(readBoard(loaded(boardId, new BoardStore(db)).doc)).toEqual(readBoard(doc));
	});

	it('folds the log into the snapshot on compaction, keeps the rows, and loads the same document', () => {
		const boardId = createBoardRow();
		const { doc, challengeColumnId } = newTestBoard();
		store.createInitial(boardId, doc);
		const updates = recordUpdates(doc);
		const card = testCard({ columnId: challengeColumnId, text: 'Erste Fassung' });
		addCard(doc, card);
		applyTextChange(cardText(doc, card.id)!, 'Zweite Fassung');
		const gone = testCard({ columnId: challengeColumnId });
		addCard(doc, gone);
		deleteCard(doc, gone.id);
		store.append(
			boardId,
			updates.map((data) => ({ data, actorId: 'p1' }))
		);

		expect(store.compact(boardId, doc)).toEqual({ folded: updates.length });
		expect(store.updatesSinceSnapshot(boardId)).toBe(0);
		// The rows stay (for undo); the snapshot's last_seq marks them folded.
		expect(db.prepare('SELECT COUNT(*) AS n FROM board_updates').get()).toEqual({ n: updates.length + 1 });
		expect(store.history(boardId).map((entry) => entry.actorId)).toEqual([null, ...updates.map(() => 'p1')]);
		const afterCompaction = loaded(boardId);
		expect(afterCompaction.updatesSinceSnapshot).toBe(0);
		expect(readBoard(afterCompaction.doc)).toEqual(readBoard(doc));
		expect(store.compact(boardId, doc)).toEqual({ folded: 0 });

		// Updates after a compaction are replayed on top of the new snapshot.
		updates.length = 0;
		applyTextChange(cardText(doc, card.id)!, 'Dritte Fassung');
		store.append(boardId, [{ data: updates[0], actorId: 'p1' }]);
		const later = loaded(boardId);
		expect(later.updatesSinceSnapshot).toBe(1);
		expect(cardText(later.doc, card.id)!.toString()).toBe('Dritte Fassung');
	});

	it('keeps the whole history across compactions: replayed, it holds deleted content too', () => {
		const boardId = createBoardRow();
		const { doc, challengeColumnId } = newTestBoard();
		store.createInitial(boardId, doc);
		const updates = recordUpdates(doc);
		const gone = testCard({ columnId: challengeColumnId, text: 'Gelöscht, aber nicht vergessen' });
		addCard(doc, gone);
		store.append(boardId, [{ data: updates[0], actorId: 'p1' }]);
		store.compact(boardId, doc);
		deleteCard(doc, gone.id);
		store.append(boardId, [{ data: updates[1], actorId: 'p2' }]);
		store.compact(boardId, doc);

		const history = store.history(boardId);
		expect(history.map((entry) => entry.actorId)).toEqual([null, 'p1', 'p2']);
		const replayed = new Y.Doc({ gc: false });
		for (const entry of history.slice(0, 2)) Y.applyUpdate(replayed, entry.data);
		expect(cardText(replayed, gone.id)!.toString()).toBe('Gelöscht, aber nicht vergessen');
		Y.applyUpdate(replayed, history[2].data);
		expect(readBoard(replayed)).toEqual(readBoard(doc));
		expect(readBoard(loaded(boardId).doc)).toEqual(readBoard(doc));
	});

	it('keeps boards apart', () => {
		const first = createBoardRow();
		const second = createBoardRow();
		const a = newTestBoard();
		const b = newTestBoard();
		store.createInitial(first, a.doc);
		store.createInitial(second, b.doc);
		const updates = recordUpdates(a.doc);
		addCard(a.doc, testCard({ columnId: a.challengeColumnId }));
		store.append(first, [{ data: updates[0], actorId: null }]);
		store.compact(second, b.doc);
		expect(readBoard(loaded(first).doc).cards).toHaveLength(1);
		expect(readBoard(loaded(second).doc).cards).toHaveLength(0);
		expect(loaded(second).updatesSinceSnapshot).toBe(0);
	});

	it('binds a Yjs client id to the first identity that writes with it, for good', () => {
		const boardId = createBoardRow();
		const other = createBoardRow();
		store.bindClient(boardId, 1234, 'alice');
		store.bindClient(boardId, 1234, 'mallory');
		store.bindClient(boardId, 5678, 'bob');
		store.bindClient(other, 1234, 'carol');
		expect(store.clientOwners(boardId)).toEqual(
			new Map([
				[1234, 'alice'],
				[5678, 'bob']
			])
		);
		expect(store.clientOwners(other)).toEqual(new Map([[1234, 'carol']]));
	});
});

/** A board's content as a new device would see it: the document encoded and decoded again, as JSON. */
function content(doc: Y.Doc): string {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return JSON.stringify(readBoard(copy));
}

function logRows(boardId: string): number {
	return (
		db.prepare('SELECT COUNT(*) AS n FROM board_updates WHERE board_id = ?').get(boardId) as { n: number }
	).n;
}

/**
 * A board with `count` stored updates as devices send them (a card, then its
 * text key by key), folded into snapshots as a room does every `foldEvery`.
 */
function boardWithUpdates(count: number, foldEvery = 500): { boardId: string; doc: Y.Doc } {
	const boardId = createBoardRow();
	const { doc, challengeColumnId } = newTestBoard();
	store.createInitial(boardId, doc);
	let stored = 0;
	let actorId = 'p1';
	const storeUpdate = (update: Uint8Array) => {
		store.append(boardId, [{ data: update, actorId }]);
		if (++stored % foldEvery === 0) store.compact(boardId, doc);
	};
	doc.on('update', storeUpdate);
	for (let card = 0; stored < count; card++) {
		actorId = `p${card % 7}`;
		const { id } = testCard({ columnId: challengeColumnId, text: '', authorId: actorId });
		addCard(doc, testCard({ id, columnId: challengeColumnId, text: '', authorId: actorId }));
		const text = cardText(doc, id)!;
		for (const key of 'Räume fehlen 🏠, غرف'.slice(0, 19)) {
			if (stored >= count) break;
			text.insert(text.length, key);
		}
	}
	doc.off('update', storeUpdate);
	return { boardId, doc };
}

/** Collapses the log of a board finished before now, as the background pass does. */
function collapse(boardId: string): number {
	return store.collapseIdleLog(boardId, Date.now() + 1);
}

function finishedBoardWithUpdates(count: number, foldEvery?: number): { boardId: string; doc: Y.Doc } {
	const board = boardWithUpdates(count, foldEvery);
	finishWithOutcome(board.boardId, board.doc);
	return board;
}

function finishWithOutcome(boardId: string, doc: Y.Doc): void {
	boards.setFinished(db, boardId, true);
	outcomes.insert(db, {
		id: newId(),
		boardId,
		version: 1,
		createdAt: Date.now(),
		yjsState: Y.encodeStateAsUpdate(doc),
		document: '{}',
		createdBy: null
	});
}

describe('BoardStore: collapsing the log of a finished board', () => {
	it.each([
		['entries logged after the last snapshot', 300],
		['nothing logged after the last snapshot', 1000]
	])('replaces 1,000 stored updates by one entry, with %s', (_, foldEvery) => {
		const { boardId, doc } = finishedBoardWithUpdates(1000, foldEvery);
		expect(logRows(boardId)).toBe(1001);

		expect(collapse(boardId)).toBe(1001);
		expect(store.history(boardId)).toEqual([{ data: expect.any(Uint8Array), actorId: null }]);
		expect(content(loaded(boardId).doc)).toBe(content(doc));
		expect(Y.encodeStateVector(loaded(boardId).doc)).toEqual(Y.encodeStateVector(doc));
		// The old rows are outside the log at once and deleted in batches.
		expect([store.deleteReplaced(400), store.deleteReplaced(400), store.deleteReplaced(400)]).toEqual([
			400, 400, 201
		]);
		expect(store.deleteReplaced(400)).toBe(0);
		expect(logRows(boardId)).toBe(1);
		expect(content(loaded(boardId).doc)).toBe(content(doc));
		expect(collapse(boardId)).toBe(0);
	});

	it('keeps working after a reopening: new updates append after the collapsed entry', () => {
		const { boardId, doc } = finishedBoardWithUpdates(50);
		collapse(boardId);
		store.deleteReplaced(1000);
		boards.setFinished(db, boardId, false);
		const updates = recordUpdates(doc);
		addCard(doc, testCard({ id: 'later', columnId: readBoard(doc).columns[0].id, text: 'Nach der Pause' }));
		store.append(boardId, [{ data: updates[0], actorId: 'p1' }]);

		expect(store.history(boardId).map((entry) => entry.actorId)).toEqual([null, 'p1']);
		const reloaded = loaded(boardId);
		expect(reloaded.updatesSinceSnapshot).toBe(1);
		expect(content(reloaded.doc)).toBe(content(doc));
		expect(readBoard(reloaded.doc).cards.map((card) => card.id)).toContain('later');
	});

	it('leaves other boards’ logs alone', () => {
		const collapsed = finishedBoardWithUpdates(20);
		const other = finishedBoardWithUpdates(20);
		collapse(collapsed.boardId);
		expect(store.deleteReplaced(1000)).toBe(21);
		expect(logRows(other.boardId)).toBe(21);
		expect(store.history(other.boardId)).toHaveLength(21);
	});

	it('rolls back as a whole when a step inside fails: the old log stays', () => {
		const { boardId, doc } = finishedBoardWithUpdates(100, 40);
		const before = store.history(boardId);
		db.exec(`CREATE TEMP TRIGGER fail_snapshot BEFORE UPDATE ON board_snapshots
			BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
		expect(() => collapse(boardId)).toThrow(/injected fault/);
		db.exec('DROP TRIGGER fail_snapshot');

		expect(store.history(boardId)).toEqual(before);
		expect(content(loaded(boardId).doc)).toBe(content(doc));
		expect(store.deleteReplaced(1000)).toBe(0);
		expect(collapse(boardId)).toBe(101);
	});

	it('checks the board again when it collapses: one reopened or changed since it was found keeps its log', () => {
		const { boardId } = finishedBoardWithUpdates(30);
		boards.setFinished(db, boardId, false);
		expect(collapse(boardId)).toBe(0);
		boards.setFinished(db, boardId, true);
		expect(store.collapseIdleLog(boardId, Date.now() - 60_000)).toBe(0);
		expect(logRows(boardId)).toBe(31);
		expect(collapse(boardId)).toBe(31);
	});

	it('finds finished boards with an outcome, untouched since the cut-off, whose log holds more than one entry', () => {
		const ready = boardWithUpdates(10);
		finishWithOutcome(ready.boardId, ready.doc);
		const unfinished = boardWithUpdates(10);
		const withoutOutcome = boardWithUpdates(10);
		boards.setFinished(db, withoutOutcome.boardId, true);
		const collapsed = finishedBoardWithUpdates(10);
		collapse(collapsed.boardId);
		const cutOff = Date.now() + 1;

		const found = store.idleFinishedBoards(cutOff, '', 10);
		expect(found).toEqual([ready.boardId]);
		expect(found).not.toContain(unfinished.boardId);
		expect(store.idleFinishedBoards(cutOff, ready.boardId, 10)).toEqual([]);
		// Finished or changed after the cut-off: not yet.
		expect(store.idleFinishedBoards(Date.now() - 60_000, '', 10)).toEqual([]);
		db.prepare('UPDATE boards SET updated_at = 0').run();
		expect(store.idleFinishedBoards(Date.now() - 60_000, '', 10)).toEqual([]);
		db.prepare('UPDATE board_updates SET created_at = 0').run();
		expect(store.idleFinishedBoards(Date.now() - 60_000, '', 10)).toEqual([ready.boardId]);
	});

	it('hands the freed pages back to the file system only where the database reclaims incrementally', () => {
		expect(store.reclaimFreePages(100)).toBe(false);

		const file = path.join(dir, 'incremental.sqlite');
		const raw = new Database(file);
		raw.pragma('auto_vacuum = INCREMENTAL');
		raw.exec('CREATE TABLE created_first (x)');
		raw.close();
		db.close();
		db = openDatabase(file);
		store = new BoardStore(db);
		const { boardId } = finishedBoardWithUpdates(3000);
		collapse(boardId);
		const pages = () => db.pragma('page_count', { simple: true }) as number;
		const before = pages();
		while (store.deleteReplaced(500) > 0) expect(store.reclaimFreePages(256)).toBe(true);
		expect(pages()).toBeLessThan(before);
		expect(db.pragma('freelist_count', { simple: true })).toBe(0);
	});
});

/**
 * Runs a collapse or a deletion in another process that stops inside the
 * transaction (a trigger calls a function that waits), and kills it there.
 */
async function killInside(trigger: string, work: string): Promise<void> {
	const moduleUrl = (name: string) => new URL(name, import.meta.url).href;
	const code = `
		const { openDatabase } = await import(${JSON.stringify(moduleUrl('./db/open.ts'))});
		const { BoardStore } = await import(${JSON.stringify(moduleUrl('./board-store.ts'))});
		const db = openDatabase(${JSON.stringify(path.join(dir, 'wedo.sqlite'))});
		db.function('stop_here', () => {
			process.stdout.write('inside');
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
			return 0;
		});
		db.exec(${JSON.stringify(trigger)});
		const store = new BoardStore(db);
		${work}
	`;
	const root = fileURLToPath(new URL('../../../', import.meta.url));
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
		cwd: root
	});
	let errors = '';
	child.stderr.on('data', (chunk: Buffer) => (errors += chunk));
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('inside')) resolve();
		});
		child.on('exit', () => reject(new Error(`the child ended before the kill: ${errors}`)));
	});
	child.kill('SIGKILL');
	await new Promise((resolve) => child.once('exit', resolve));
}

describe('BoardStore: a process killed while collapsing', () => {
	it('leaves the old log when killed inside the collapse, the new one when killed while deleting', async () => {
		const { boardId, doc } = finishedBoardWithUpdates(200, 70);
		const before = store.history(boardId);
		db.close();

		await killInside(
			'CREATE TEMP TRIGGER stop AFTER INSERT ON board_updates BEGIN SELECT stop_here(); END',
			`store.collapseIdleLog(${JSON.stringify(boardId)}, Date.now() + 1);`
		);
		db = openDatabase(path.join(dir, 'wedo.sqlite'));
		store = new BoardStore(db);
		expect(store.history(boardId)).toEqual(before);
		expect(content(loaded(boardId).doc)).toBe(content(doc));
		expect(logRows(boardId)).toBe(201);
		db.close();

		await killInside(
			'CREATE TEMP TRIGGER stop AFTER DELETE ON board_updates BEGIN SELECT stop_here(); END',
			`store.collapseIdleLog(${JSON.stringify(boardId)}, Date.now() + 1); store.deleteReplaced(50);`
		);
		db = openDatabase(path.join(dir, 'wedo.sqlite'));
		store = new BoardStore(db);
		expect(store.history(boardId)).toHaveLength(1);
		expect(content(loaded(boardId).doc)).toBe(content(doc));
		expect(logRows(boardId)).toBe(202);
		expect(store.deleteReplaced(1000)).toBe(201);
		expect(logRows(boardId)).toBe(1);
	});
});

describe('openDatabase', () => {
	const schemaVersion = () => db.pragma('user_version', { simple: true }) as number;

	it('brings a new database to the latest schema version', () => {
		expect(schemaVersion()).toBeGreaterThanOrEqual(1);
		const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
		expect(tables.map((row) => (row as { name: string }).name)).toEqual(
			expect.arrayContaining([
				'board_clients',
				'board_snapshots',
				'board_updates',
				'boards',
				'meetings',
				'users'
			])
		);
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
	});

	it('leaves an up-to-date database as it is', () => {
		const latest = schemaVersion();
		db.close();
		db = openDatabase(path.join(dir, 'wedo.sqlite'));
		expect(schemaVersion()).toBe(latest);
	});

	it('refuses a database written by a newer version', () => {
		db.pragma(`user_version = ${schemaVersion() + 1}`);
		db.close();
		expect(() => openDatabase(path.join(dir, 'wedo.sqlite'))).toThrow(/newer version/);
	});

	it('throws DatabaseDamagedError for a file that is not a database', () => {
		const file = path.join(dir, 'garbage.sqlite');
		fs.writeFileSync(file, 'this is not a database, just text that is long enough '.repeat(100));
		expect(() => openDatabase(file)).toThrow(DatabaseDamagedError);
		expect(() => openDatabase(file)).toThrow(/Restore it from a backup/);
	});

	it('creates the directory it is told to use', () => {
		const nested = path.join(dir, 'a', 'b', 'wedo.sqlite');
		openDatabase(nested).close();
		expect(fs.existsSync(nested)).toBe(true);
	});
});
