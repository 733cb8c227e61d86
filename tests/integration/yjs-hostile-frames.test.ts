/**
 * A hand-made client on the Yjs endpoint: garbage, truncated and oversized
 * frames, and floods. Each costs only that connection; the server stays up and
 * the other devices on the board notice nothing. Legitimate bursts (fast
 * typing, the big sync step 2 of a device that wrote offline) pass.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { readBoard } from '../../src/lib/board/read';
import {
	facilitatorWithBoard,
	join,
	type BoardJson,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { cardTexts, findCard, writeCard } from './helpers/board';
import { fingerprint } from './helpers/database';
import { Device } from './helpers/http';
import { connectSynced, rawConnect, sleep, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

const REFUSED = 4422;
const RATE_LIMITED = 4529;
/** The defaults of MESSAGE_BURST and MAX_MESSAGES_PER_SECOND. */
const BURST = 400;
const PER_SECOND = 100;

/** What the budget can have admitted in `ms`: the burst plus what refilled meanwhile (a slow machine refills more). */
function admittedWithin(ms: number): number {
	return BURST + Math.ceil((PER_SECOND * ms) / 1000);
}

let server: RunningServer;
let owner: Facilitator & { board: BoardJson };
let hostile: Participant;
let bystander: Participant;
let clients: YjsClient[] = [];

beforeAll(async () => {
	server = await startServer();
	owner = await facilitatorWithBoard(server);
	hostile = await join(server, owner.board.joinCode, 'Mallory');
	bystander = await join(server, owner.board.joinCode, 'Amira');
});

afterEach(() => {
	for (const client of clients) client.destroy();
	clients = [];
});

afterAll(async () => {
	await server?.stop();
});

async function connect(cookie: string): Promise<YjsClient> {
	const client = await connectSynced(server, owner.board.id, cookie);
	clients.push(client);
	return client;
}

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** The server is up and answers at once. */
async function expectHealthy(): Promise<void> {
	const started = Date.now();
	const response = await new Device(server.url).get('/healthz');
	expect(response.status).toBe(200);
	expect(Date.now() - started).toBeLessThan(1000);
}

/** The bystander is still connected, received nothing meanwhile, and still gets a new card at once. */
async function expectUndisturbed(watcher: YjsClient, receivedBefore: number): Promise<void> {
	expect(watcher.closeCodes).toEqual([]);
	expect(watcher.messagesReceived()).toBe(receivedBefore);
	const writer = await connect(owner.device.cookie);
	const cardId = writeCard(writer.doc, { id: owner.user.id, name: owner.user.name }, 'challenge', 'Noch da?');
	await waitFor(() => findCard(watcher.doc, cardId), 'a new card at the bystander', 2000);
}

describe('malformed frames', () => {
	const frames: Array<[string, Uint8Array | string, number | 'ignored']> = [
		['an empty frame', new Uint8Array(0), REFUSED],
		['random bytes', new Uint8Array([0, 2, 6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), REFUSED],
		['a sync message without its sub-type', new Uint8Array([0]), REFUSED],
		['an update message without its payload', new Uint8Array([0, 2]), REFUSED],
		['an update whose length says more than it holds', new Uint8Array([0, 2, 100, 1, 2]), REFUSED],
		['an unknown sync sub-type', syncMessage(9, new Uint8Array([0])), REFUSED],
		['a varint that never ends', new Uint8Array(12).fill(0xff), REFUSED],
		['an awareness message cut short', new Uint8Array([1, 10, 1]), REFUSED],
		['an awareness entry whose state is no JSON', new Uint8Array([1, 6, 1, 7, 1, 2, 0x7b, 0x7b]), REFUSED],
		['a truncated real update', realUpdate().slice(0, 12), REFUSED],
		['a sync step 1 with a broken state vector', syncMessage(0, new Uint8Array([5, 1])), REFUSED],
		['a text frame', 'hello', 'ignored'],
		['a query-awareness message (unused, ignored)', new Uint8Array([3]), 'ignored']
	];

	function realUpdate(): Uint8Array {
		const doc = new Y.Doc();
		doc.getMap('cards').set('x', new Y.Map());
		return syncMessage(2, Y.encodeStateAsUpdate(doc));
	}

	it.each(frames)('%s: only that connection is affected', async (_name, frame, expected) => {
		const watcher = await connect(bystander.device.cookie);
		await watcher.flush();
		const before = watcher.messagesReceived();
		const stored = fingerprint(server.databaseFile);

		const outcome = await rawConnect(server, owner.board.id, hostile.device.cookie, {
			send: [frame as Uint8Array],
			timeoutMs: 1500
		}).catch((error: Error) => {
			// Still open when the probe gave up: the frame was ignored.
			if (/still open/.test(error.message)) return { code: 'ignored' as const };
			throw error;
		});
		expect(outcome.code).toBe(expected);

		expect(fingerprint(server.databaseFile)).toEqual(stored);
		await expectHealthy();
		await expectUndisturbed(watcher, before);
	});

	it('a frame above the 2 MiB limit closes that connection (1009 or 4413), nothing is stored', async () => {
		const watcher = await connect(bystander.device.cookie);
		await watcher.flush();
		const before = watcher.messagesReceived();
		const stored = fingerprint(server.databaseFile);
		const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61);
		big.set([0, 2]);
		const outcome = await rawConnect(server, owner.board.id, hostile.device.cookie, {
			send: [big],
			timeoutMs: 10_000
		});
		expect([1009, 4413]).toContain(outcome.code);
		expect(fingerprint(server.databaseFile)).toEqual(stored);
		await expectHealthy();
		await expectUndisturbed(watcher, before);
	});
});

describe('floods', () => {
	it('thousands of sync requests in a burst: closed with 4529 after the burst allowance', async () => {
		const watcher = await connect(bystander.device.cookie);
		await watcher.flush();
		const before = watcher.messagesReceived();
		const request = syncMessage(0, Y.encodeStateVector(new Y.Doc()));
		const started = Date.now();
		const outcome = await rawConnect(server, owner.board.id, hostile.device.cookie, {
			send: Array.from({ length: 5000 }, () => request),
			timeoutMs: 10_000
		});
		expect(outcome.code).toBe(RATE_LIMITED);
		// The server answered what the budget admitted (one sync step 2 each, after its own sync step 1),
		// then stopped reading.
		expect(outcome.messages.length).toBeGreaterThanOrEqual(BURST);
		expect(outcome.messages.length).toBeLessThanOrEqual(admittedWithin(Date.now() - started) + 1);
		await expectHealthy();
		await expectUndisturbed(watcher, before);
	});

	it('a flood of real cards: at most the burst is stored, then 4529; the board stays usable', async () => {
		const watcher = await connect(bystander.device.cookie);
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(watcher.doc));
		const updates: Uint8Array[] = [];
		offline.on('update', (update: Uint8Array) => updates.push(syncMessage(2, update)));
		for (let i = 0; i < 1500; i++) writeCard(offline, hostile, 'challenge', `Flut ${i}`);

		const started = Date.now();
		const outcome = await rawConnect(server, owner.board.id, hostile.device.cookie, {
			send: updates,
			timeoutMs: 10_000
		});
		const elapsed = Date.now() - started;
		expect(outcome.code).toBe(RATE_LIMITED);
		const db = new Database(server.databaseFile, { readonly: true });
		const { n } = db
			.prepare('SELECT COUNT(*) AS n FROM board_updates WHERE board_id = ? AND actor_id = ?')
			.get(owner.board.id, hostile.id) as { n: number };
		db.close();
		expect(n).toBeGreaterThanOrEqual(BURST);
		expect(n).toBeLessThanOrEqual(admittedWithin(elapsed));
		expect(n).toBeLessThan(updates.length);

		await expectHealthy();
		await watcher.flush();
		expect(watcher.closeCodes).toEqual([]);
		expect(readBoard(watcher.doc).cards.filter((card) => card.authorId === hostile.id)).toHaveLength(n);
		const cardId = writeCard(watcher.doc, bystander, 'solution', 'Weiter im Takt');
		const other = await connect(owner.device.cookie);
		await waitFor(() => findCard(other.doc, cardId), 'the bystander’s card after the flood');
	});
});

describe('what is not a flood', () => {
	it('typing at 30 changes a second for four seconds passes', async () => {
		const typist = await connect(bystander.device.cookie);
		const cardId = writeCard(typist.doc, bystander, 'challenge', '');
		const text = typist.doc.getMap<Y.Map<unknown>>('cards').get(cardId)!.get('text') as Y.Text;
		const sentence = 'Die Bushaltestelle am Marktplatz ist nachts zu dunkel, bitte mehr Licht. '.repeat(2);
		for (const char of sentence.slice(0, 120)) {
			text.insert(text.length, char);
			await sleep(33);
		}
		await typist.flush();
		expect(typist.closeCodes).toEqual([]);
		const reader = await connect(owner.device.cookie);
		expect(findCard(reader.doc, cardId)?.text).toBe(sentence.slice(0, 120));
	});

	it('a device that wrote a lot offline delivers it in one big sync step 2 when it comes back', async () => {
		const writer = await connect(bystander.device.cookie);
		writer.provider.disconnect();
		const long = 'Ein langer Gedanke, offline notiert. '.repeat(40).slice(0, 1400);
		for (let i = 0; i < 500; i++) writeCard(writer.doc, bystander, 'solution', `${i} ${long}`);
		const size = Y.encodeStateAsUpdate(writer.doc).byteLength;
		expect(size).toBeGreaterThan(700_000);
		writer.provider.connect();
		await writer.synced();
		await writer.flush(10_000);
		expect(writer.closeCodes).toEqual([]);
		const reader = await connect(owner.device.cookie);
		expect(cardTexts(reader.doc).filter((text) => text.endsWith(long))).toHaveLength(500);
	});
});
