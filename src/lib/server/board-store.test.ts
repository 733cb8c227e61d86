import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardStore } from './board-store';
import { DatabaseDamagedError, openDatabase, type Db } from './db/open';
import * as boards from './repositories/boards';
import * as meetings from './repositories/meetings';
import * as users from './repositories/users';
import { addCard, applyTextChange, cardText, deleteCard } from '../board/cards';
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
