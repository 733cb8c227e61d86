import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardText } from '../../src/lib/board/cards';
import { newId } from '../../src/lib/board/ids';
import { readBoard } from '../../src/lib/board/read';
import { newTestBoard, testCard } from '../../src/lib/board/testing';
import { BoardStore } from '../../src/lib/server/board-store';
import { openDatabase, type Db } from '../../src/lib/server/db/open';
import * as boards from '../../src/lib/server/repositories/boards';
import * as meetings from '../../src/lib/server/repositories/meetings';
import * as outcomes from '../../src/lib/server/repositories/outcomes';
import * as users from '../../src/lib/server/repositories/users';
import { revertActor } from './actor-undo';
import { BoardRegistry } from './board-registry';
import { LogCompactor } from './log-compaction';

const DAY = 24 * 60 * 60 * 1000;

let dir: string;
let db: Db;
let store: BoardStore;
let registry: BoardRegistry;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wedo-compaction-'));
	db = openDatabase(path.join(dir, 'wedo.sqlite'));
	store = new BoardStore(db);
	registry = new BoardRegistry(store, {
		limits: { maxCardText: 2000, maxTitle: 200, maxCards: 5000, compactAfterUpdates: 500 },
		unloadIdleMs: 0,
		events: { refused() {}, persisted() {} }
	});
});

afterEach(() => {
	registry.closeAll(4503, 'test over');
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

function compactor(now = Date.now() + 31 * DAY): LogCompactor {
	return new LogCompactor(store, {
		retentionMs: 30 * DAY,
		isLive: (boardId) => registry.loaded(boardId) !== undefined,
		now: () => now
	});
}

/** A finished board (outcome stored) whose log holds its template and `count` updates of participants typing cards. */
function finishedBoard(count: number): { boardId: string; doc: Y.Doc } {
	const user = users.create(db, { email: `f${Math.random()}@example.org`, name: 'F', passwordHash: 'x' })!;
	const meeting = meetings.create(db, user.id, {
		title: 'Forum',
		startsAt: null,
		location: null,
		description: null
	});
	const boardId = boards.create(db, meeting.id, 'Board', 'challenges-solutions').id;
	const { doc, challengeColumnId } = newTestBoard();
	store.createInitial(boardId, doc);
	let stored = 0;
	let actorId = '';
	const storeUpdate = (update: Uint8Array) => {
		store.append(boardId, [{ data: update, actorId }]);
		if (++stored % 500 === 0) store.compact(boardId, doc);
	};
	doc.on('update', storeUpdate);
	for (let card = 0; stored < count; card++) {
		actorId = `p${card % 5}`;
		const { id } = testCard({ columnId: challengeColumnId });
		addCard(doc, testCard({ id, columnId: challengeColumnId, text: '', authorId: actorId }));
		for (const key of 'Förderung für Räume') {
			if (stored >= count) break;
			cardText(doc, id)!.insert(cardText(doc, id)!.length, key);
		}
	}
	doc.off('update', storeUpdate);
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
	return { boardId, doc };
}

/** The content a device syncing the document would get, as JSON. */
function content(doc: Y.Doc): string {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return JSON.stringify(readBoard(copy));
}

function storedContent(boardId: string): string {
	const doc = new Y.Doc();
	store.load(boardId, doc);
	return content(doc);
}

function logRows(boardId: string): number {
	return (
		db.prepare('SELECT COUNT(*) AS n FROM board_updates WHERE board_id = ?').get(boardId) as { n: number }
	).n;
}

describe('LogCompactor', () => {
	it('replaces the log of a finished board idle past the retention period by one row holding the same document', async () => {
		const { boardId, doc } = finishedBoard(1000);
		expect(logRows(boardId)).toBe(1001);

		const pass = await compactor().runPass();

		expect(pass).toMatchObject({ boards: 1, entriesReplaced: 1001, rowsDeleted: 1001, reclaimsSpace: false });
		expect(logRows(boardId)).toBe(1);
		expect(storedContent(boardId)).toBe(content(doc));
		expect(await compactor().runPass()).toMatchObject({ boards: 0, rowsDeleted: 0 });
	});

	it('waits for the retention period after the board was finished', async () => {
		const { boardId } = finishedBoard(100);
		expect(await compactor(Date.now() + 29 * DAY).runPass()).toMatchObject({ boards: 0 });
		expect(logRows(boardId)).toBe(101);
	});

	it('never compacts a board loaded in a room; once it is unloaded, the next pass does', async () => {
		const { boardId, doc } = finishedBoard(300);
		const room = registry.open(boardId, boards.read(db, boardId)!);

		expect(await compactor().runPass()).toMatchObject({ boards: 0, rowsDeleted: 0 });
		expect(logRows(boardId)).toBe(301);
		expect(store.history(boardId)).toHaveLength(301);
		expect(content(room.doc)).toBe(content(doc));

		registry.released(boardId);
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(registry.loaded(boardId)).toBeUndefined();
		expect(await compactor().runPass()).toMatchObject({ boards: 1 });
		expect(logRows(boardId)).toBe(1);
	});

	it('leaves a reopened board working: changes append after the snapshot, undo knows only those', async () => {
		const { boardId, doc } = finishedBoard(200);
		await compactor().runPass();
		boards.setFinished(db, boardId, false);
		const room = registry.open(boardId, boards.read(db, boardId)!);
		expect(content(room.doc)).toBe(content(doc));

		const columnId = readBoard(room.doc).columns[0].id;
		room.change((live) => addCard(live, testCard({ id: 'after', columnId, authorId: 'p1' })), 'p1');
		expect(store.history(boardId).map((entry) => entry.actorId)).toEqual([null, 'p1']);
		expect(storedContent(boardId)).toBe(content(room.doc));

		// What p1 wrote before the compaction is nobody's now; what came after is still theirs.
		const reversion = revertActor(store.history(boardId), 'p1')!;
		expect(reversion.updates).toBe(1);
		room.change((live) => Y.applyUpdate(live, reversion.update), 'facilitator');
		expect(content(room.doc)).toBe(content(doc));
		expect(revertActor(store.history(boardId), 'p0')).toBeNull();
	});

	it('works in steps: the event loop serves others between them', async () => {
		finishedBoard(3000);
		let turns = 0;
		let counting = true;
		const count = () => {
			turns++;
			if (counting) setImmediate(count);
		};
		setImmediate(count);

		const pass = await compactor().runPass();
		counting = false;

		expect(pass.rowsDeleted).toBe(3001);
		// One turn at least per batch of 500 old rows, and for the board itself.
		expect(turns).toBeGreaterThanOrEqual(7);
	});

	it('stops after the step under way', async () => {
		const { boardId, doc } = finishedBoard(2000);
		const compaction = compactor();
		const pass = compaction.runPass();
		compaction.stop();
		expect(await pass).toMatchObject({ boards: 0, rowsDeleted: 0 });
		expect(logRows(boardId)).toBe(2001);
		expect(storedContent(boardId)).toBe(content(doc));
	});
});
