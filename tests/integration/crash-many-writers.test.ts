/**
 * `kill -9` of the server while 50 devices write: after the restart every
 * device reconnects, every update any device had received from the server is
 * there, the devices' own unsent writes arrive too, all end with the same
 * document, and the database passes `PRAGMA integrity_check`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardText } from '../../src/lib/board/cards';
import { readBoard } from '../../src/lib/board/read';
import { facilitatorWithBoard, join, type Participant } from './helpers/flows';
import { writeCard } from './helpers/board';
import { integrityCheck, readStoredBoard } from './helpers/database';
import { connectSynced, sleep, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

const WRITERS = 50;

/** Every change `seen` holds is in `doc` too, and nothing of it is left that `doc` could not apply. */
function expectContains(doc: Y.Doc, seen: Y.Doc, what: string): void {
	const have = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) {
		expect(have.get(client) ?? 0, `${what}: changes of client ${client}`).toBeGreaterThanOrEqual(clock);
	}
	expect(Y.decodeUpdate(Y.encodeStateAsUpdate(seen, Y.encodeStateVector(doc))).structs, what).toEqual([]);
}

interface Writer {
	participant: Participant;
	client: YjsClient;
	/** Everything this device received from the server: the updates it saw. */
	received: Y.Doc;
}

describe('kill -9 while 50 devices write', () => {
	it('loses nothing any device saw; all reconnect and converge; integrity_check is ok', async () => {
		// Frequent compaction, so that the crash can also hit a snapshot being written.
		const env = { COMPACT_AFTER_UPDATES: '50' };
		let server: RunningServer | undefined = await startServer({ env });
		const writers: Writer[] = [];
		try {
			const facilitator = await facilitatorWithBoard(server);
			const { board } = facilitator;
			const running = server;
			const joined = await Promise.all(
				Array.from({ length: WRITERS }, (_, i) => join(running, board.joinCode, `Schreiber ${i}`))
			);
			const clients = await Promise.all(
				joined.map((participant) => connectSynced(running, board.id, participant.device.cookie))
			);
			for (const [index, client] of clients.entries()) {
				const received = new Y.Doc();
				client.doc.on('update', (update: Uint8Array, origin: unknown) => {
					if (origin === client.provider) Y.applyUpdate(received, update);
				});
				writers.push({ participant: joined[index], client, received });
			}

			let writing = true;
			const loops = writers.map(async ({ participant, client }, index) => {
				const mine: string[] = [];
				await sleep(index * 3);
				for (let i = 0; writing; i++) {
					mine.push(writeCard(client.doc, participant, i % 2 ? 'solution' : 'challenge', `${index}/${i}`));
					// Edits of an earlier card, so that text updates are in flight too.
					if (i > 2) cardText(client.doc, mine[i - 2])?.insert(0, '+');
					await sleep(200 + (index % 7) * 10);
				}
			});
			const observer = writers[0].client;
			await waitFor(
				() => observer.doc.getMap('cards').size >= 250,
				'the first 250 cards at one device',
				60_000
			);

			expect((await server.kill()).signal).toBe('SIGKILL');
			// Held back while the server is away, so that no retry reaches another test's server on the freed port.
			for (const { client } of writers) client.provider.disconnect();
			writing = false;
			await Promise.all(loops);

			expect(integrityCheck(server.databaseFile)).toBe('ok');
			// What the devices had received before the crash, all together.
			const seen = new Y.Doc();
			for (const { received } of writers) Y.applyUpdate(seen, Y.encodeStateAsUpdate(received));
			expect(readBoard(seen).cards.length).toBeGreaterThanOrEqual(150);
			const stored = readStoredBoard(server.databaseFile, board.id);
			expectContains(stored, seen, 'the database after the crash');
			stored.destroy();

			server = await startServer({ dataDir: server.dataDir, env });
			for (const { client } of writers) {
				client.provider.serverUrl = `${server.wsUrl}/yjs`;
				client.provider.connect();
			}
			await waitFor(
				() => writers.every(({ client }) => client.provider.synced && client.provider.wsconnected),
				'every device to reconnect',
				60_000
			);
			// Each device's own writes that never reached the server before the crash arrive now.
			for (const { client } of writers) await client.flush(10_000);
			const fresh = await connectSynced(server, board.id, facilitator.device.cookie);
			try {
				expectContains(fresh.doc, seen, 'the board after the restart');
				for (const [index, { client }] of writers.entries()) {
					expectContains(fresh.doc, client.doc, `device ${index}'s own writes`);
				}
				await waitFor(
					() =>
						writers.every(
							({ client }) => Y.encodeStateVector(client.doc).join() === Y.encodeStateVector(fresh.doc).join()
						),
					'every device to hold the same document',
					15_000
				);
				const expected = readBoard(fresh.doc);
				for (const { client } of writers) expect(readBoard(client.doc)).toEqual(expected);
				expect(
					writers.flatMap(({ client }) => client.closeCodes).filter((code) => code >= 4400 && code < 4500)
				).toEqual([]);
			} finally {
				fresh.destroy();
			}

			expect((await server.stop()).code).toBe(0);
			expect(integrityCheck(server.databaseFile)).toBe('ok');
		} finally {
			for (const { client } of writers) client.destroy();
			await server?.stop();
		}
	}, 240_000);
});
