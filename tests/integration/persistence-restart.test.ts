/**
 * Durability across restarts: a graceful stop (SIGTERM) keeps everything, and a
 * crash (SIGKILL) while a device is writing loses nothing another device had received.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, cardText, deleteCard } from '../../src/lib/board/cards';
import { linkCards } from '../../src/lib/board/links';
import { readBoard } from '../../src/lib/board/read';
import { expectStatus, facilitatorWithBoard, join } from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { integrityCheck, readStoredBoard } from './helpers/database';
import { connectSocket } from './helpers/socket';
import { connectSynced, sleep, waitFor } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

/** Every change `seen` holds is also in `doc`: its state vector covers `seen`'s, client by client. */
function expectContains(doc: Y.Doc, seen: Y.Doc): void {
	const have = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) {
		expect(have.get(client) ?? 0, `changes of client ${client}`).toBeGreaterThanOrEqual(clock);
	}
	// And nothing is left over that `doc` could not apply (e.g. an update stored after a gap).
	const missing = Y.encodeStateAsUpdate(seen, Y.encodeStateVector(doc));
	const decoded = Y.decodeUpdate(missing);
	expect(decoded.structs).toEqual([]);
}

describe('restart after SIGTERM', () => {
	it('keeps cards, texts, links, deletions, the title, sessions, participants and authorship', async () => {
		let server: RunningServer | undefined = await startServer();
		try {
			const facilitator = await facilitatorWithBoard(server);
			const { board } = facilitator;
			const amira = await join(server, board.joinCode, 'Amira');
			const bruno = await join(server, board.joinCode, null);
			const facilitatorClient = await connectSynced(server, board.id, facilitator.device.cookie);
			const amiraClient = await connectSynced(server, board.id, amira.device.cookie);
			const brunoClient = await connectSynced(server, board.id, bruno.device.cookie);

			const challenge = writeCard(amiraClient.doc, amira, 'challenge', 'Zu wenige Sitzbänke');
			const removed = writeCard(amiraClient.doc, amira, 'challenge', 'Wird gelöscht');
			const solution = writeCard(brunoClient.doc, bruno, 'solution', 'Bänke aus Spenden');
			await waitFor(() => findCard(brunoClient.doc, challenge), 'Amira’s card at Bruno');
			applyTextChange(cardText(amiraClient.doc, challenge)!, 'Zu wenige Sitzbänke am Markt');
			deleteCard(amiraClient.doc, removed);
			linkCards(brunoClient.doc, {
				solutionId: solution,
				challengeId: challenge,
				authorId: bruno.id,
				createdAt: 1
			});
			writeCard(
				facilitatorClient.doc,
				{ id: facilitator.user.id, name: facilitator.user.name },
				'solution',
				'Ärger vermeiden'
			);
			const socket = await connectSocket(server, board.id, facilitator.device.cookie);
			expect(await socket.emit('board:rename', { title: 'Platz & Bänke' })).toMatchObject({ ok: true });
			socket.close();

			for (const client of [amiraClient, brunoClient, facilitatorClient]) await client.flush();
			await waitFor(() => readBoard(facilitatorClient.doc).links.length === 1, 'the link at the facilitator');
			const before = readBoard(facilitatorClient.doc);
			expect(before.cards.map((card) => card.text).sort()).toEqual(
				['Zu wenige Sitzbänke am Markt', 'Bänke aus Spenden', 'Ärger vermeiden'].sort()
			);
			for (const client of [amiraClient, brunoClient, facilitatorClient]) client.destroy();

			const exit = await server.stop();
			expect(exit, server.output()).toEqual({ code: 0, signal: null });

			server = await startServer({ dataDir: server.dataDir });
			// Cookies from before the restart still work: sessions and participants are stored.
			for (const device of [facilitator.device, amira.device, bruno.device]) device.baseUrl = server.url;
			const boardAfter = await facilitator.device.get(`/api/v1/boards/${board.id}`);
			expectStatus(boardAfter, 200);
			expect(boardAfter.body.board.title).toBe('Platz & Bänke');
			const me = await bruno.device.get('/api/v1/me');
			expectStatus(me, 200);
			expect(me.body.participant).toMatchObject({ id: bruno.id, boardId: board.id });

			// Before any device connects, the export reads the board from the database.
			const exported = await facilitator.device.get(`/api/v1/boards/${board.id}/export?format=json`);
			expectStatus(exported, 200);
			expect(
				JSON.parse(exported.text)
					.cards.map((card: { text: string }) => card.text)
					.sort()
			).toEqual(before.cards.map((card) => card.text).sort());

			const restored = await connectSynced(server, board.id, amira.device.cookie);
			expect(readBoard(restored.doc)).toEqual(before);
			expect(findCard(restored.doc, removed)).toBeUndefined();

			// Authorship survives too: Amira still edits her card, Bruno still may not.
			applyTextChange(cardText(restored.doc, challenge)!, 'Zu wenige Sitzbänke am Marktplatz');
			const brunoAgain = await connectSynced(server, board.id, bruno.device.cookie);
			await waitFor(
				() => findCard(brunoAgain.doc, challenge)?.text === 'Zu wenige Sitzbänke am Marktplatz',
				'Amira’s edit after the restart'
			);
			deleteCard(brunoAgain.doc, challenge);
			expect(await brunoAgain.closed()).toBe(4422);
			await restored.flush();
			expect(findCard(restored.doc, challenge)).toBeDefined();
			restored.destroy();
			brunoAgain.destroy();

			// The same device rejoining is the same participant as before the restart.
			const rejoined = await join(server, board.joinCode, 'Amira', amira.device);
			expect(rejoined.id).toBe(amira.id);
		} finally {
			await server?.stop();
		}
	}, 60_000);
});

describe('devices connected during a restart', () => {
	it('are told to come back (4503), and deliver what was written meanwhile when they reconnect', async () => {
		let server: RunningServer | undefined = await startServer();
		try {
			const facilitator = await facilitatorWithBoard(server);
			const { board } = facilitator;
			const amira = await join(server, board.joinCode, 'Amira');
			const amiraClient = await connectSynced(server, board.id, amira.device.cookie);
			const facilitatorClient = await connectSynced(server, board.id, facilitator.device.cookie);
			const both = [amiraClient, facilitatorClient];
			try {
				const first = writeCard(amiraClient.doc, amira, 'challenge', 'Vor dem Neustart');
				await waitFor(() => findCard(facilitatorClient.doc, first), 'the first card at the facilitator');

				const closedCodes = Promise.all(both.map((client) => client.closed()));
				expect((await server.stop()).code).toBe(0);
				// 45xx means "try again": the stock client keeps wanting to reconnect.
				expect(await closedCodes).toEqual([4503, 4503]);
				expect(both.map((client) => client.provider.shouldConnect)).toEqual([true, true]);
				// Held back while the server is away, so that no retry reaches another test's server
				// that happens to get the freed port; they reconnect to the new address below.
				for (const client of both) client.provider.disconnect();

				// Written while the server is away.
				const offline = writeCard(amiraClient.doc, amira, 'challenge', 'Während des Neustarts');
				applyTextChange(cardText(amiraClient.doc, first)!, 'Vor dem Neustart, ergänzt');

				server = await startServer({ dataDir: server.dataDir });
				for (const client of both) {
					client.provider.serverUrl = `${server.wsUrl}/yjs`;
					client.provider.connect();
				}
				await waitFor(
					() =>
						findCard(facilitatorClient.doc, offline) &&
						findCard(facilitatorClient.doc, first)?.text === 'Vor dem Neustart, ergänzt',
					'the offline changes at the facilitator',
					15_000
				);
				// (Retries while the old server was still going down may add 1006s, never a refusal.)
				for (const client of both) {
					expect(client.closeCodes[0]).toBe(4503);
					expect(client.closeCodes.filter((code) => code >= 4400 && code < 4500)).toEqual([]);
				}
				// And they are stored: a device that connects now gets them.
				const fresh = await connectSynced(server, board.id, facilitator.device.cookie);
				expect(findCard(fresh.doc, offline)?.text).toBe('Während des Neustarts');
				fresh.destroy();
			} finally {
				for (const client of both) client.destroy();
			}
		} finally {
			await server?.stop();
		}
	}, 60_000);
});

describe.each([
	['a crash (SIGKILL)', 'SIGKILL'],
	['a graceful stop (SIGTERM)', 'SIGTERM']
] as const)('%s while a device is writing', (_, signal) => {
	it('keeps every update another device had received, and the database passes integrity_check', async () => {
		// Frequent compaction, so that the crash can also hit a snapshot being written.
		const env = { COMPACT_AFTER_UPDATES: '20' };
		let server: RunningServer | undefined = await startServer({ env });
		try {
			const facilitator = await facilitatorWithBoard(server);
			const { board } = facilitator;
			const writer = await join(server, board.joinCode, 'Schreiberin');
			const writerClient = await connectSynced(server, board.id, writer.device.cookie);
			const observer = await connectSynced(server, board.id, facilitator.device.cookie);

			let writing = true;
			const written: string[] = [];
			const writerLoop = (async () => {
				for (let i = 0; writing; i++) {
					if (!writerClient.provider.wsconnected) break;
					written.push(writeCard(writerClient.doc, writer, i % 2 ? 'solution' : 'challenge', `Karte ${i}`));
					// Edits of earlier cards, so that text updates are in flight too.
					if (i > 3 && i % 3 === 0) {
						const text = cardText(writerClient.doc, written[i - 3])!;
						text.insert(text.length, ' +');
					}
					await sleep(3);
				}
			})();

			await waitFor(
				() => observer.doc.getMap('cards').size >= 80,
				'the observer to receive 80 cards',
				20_000
			);
			if (signal === 'SIGKILL') expect((await server.kill()).signal).toBe('SIGKILL');
			else expect(await server.stop(), server.output()).toEqual({ code: 0, signal: null });
			writing = false;
			await writerLoop;
			await waitFor(() => !observer.provider.wsconnected, 'the observer to notice the server is gone');
			// What the observer holds is exactly what the server had sent before it died.
			const seen = new Y.Doc();
			Y.applyUpdate(seen, Y.encodeStateAsUpdate(observer.doc));
			writerClient.destroy();
			observer.destroy();
			expect(readBoard(seen).cards.length).toBeGreaterThanOrEqual(80);

			expect(integrityCheck(server.databaseFile)).toBe('ok');

			server = await startServer({ dataDir: server.dataDir, env });
			const fresh = await connectSynced(server, board.id, facilitator.device.cookie);
			expectContains(fresh.doc, seen);
			const restoredCards = readBoard(fresh.doc).cards;
			for (const card of readBoard(seen).cards) {
				const restored = restoredCards.find((candidate) => candidate.id === card.id);
				expect(restored, card.text).toBeDefined();
				// Edits only append, so the stored text is the seen one or a later one.
				expect(restored!.text.startsWith(card.text), `${restored!.text} / ${card.text}`).toBe(true);
			}
			// The board is fully usable after the crash.
			const next = writeCard(
				fresh.doc,
				{ id: facilitator.user.id, name: facilitator.user.name },
				'challenge',
				'Nach dem Absturz'
			);
			await fresh.flush();
			fresh.destroy();

			const exit = await server.stop();
			expect(exit.code).toBe(0);
			expect(integrityCheck(server.databaseFile)).toBe('ok');
			const stored = readStoredBoard(server.databaseFile, board.id);
			expectContains(stored, seen);
			expect(findCard(stored, next)?.text).toBe('Nach dem Absturz');
			stored.destroy();
		} finally {
			await server?.stop();
		}
	}, 90_000);
});
