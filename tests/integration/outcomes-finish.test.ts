/** Finishing a board: an outcome that matches it, a board nobody can change, and versions that never change. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../src/lib/board/read';
import type { OutcomeDocument } from '../../src/lib/outcome/format';
import { Device } from './helpers/http';
import { expectError, expectStatus, signup } from './helpers/flows';
import { cardTexts, writeCard } from './helpers/board';
import { connectSynced, waitFor } from './helpers/yjs';
import { readStoredBoard } from './helpers/database';
import { startServer, type RunningServer } from './helpers/server';
import { command, finish, PHASE, runWorkshop, TEXTS, type Workshop } from './helpers/outcomes';

let server: RunningServer;
let workshop: Workshop;

beforeAll(async () => {
	server = await startServer();
	workshop = await runWorkshop(server);
});

afterAll(async () => {
	workshop?.close();
	await server?.stop();
});

function storedVersion(outcomeId: string): { document: string; state: Buffer } {
	const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
	try {
		return db.prepare('SELECT document, yjs_state AS state FROM outcomes WHERE id = ?').get(outcomeId) as {
			document: string;
			state: Buffer;
		};
	} finally {
		db.close();
	}
}

describe('finishing a board', () => {
	let first: { id: string; version: number; boardId: string; createdAt: string };
	let firstJson: string;

	it('is refused to participants and to callers without a session', async () => {
		const path = `/api/v1/boards/${workshop.facilitator.board.id}/finish`;
		expectError(await workshop.amira.device.post(path), 403, 'forbidden');
		expectError(await new Device(server.url).post(path), 401, 'unauthenticated');
		expectError(await workshop.facilitator.device.post('/api/v1/boards/nope/finish'), 404, 'not_found');
	});

	it('stores version 1 and marks the board finished for every device', async () => {
		first = await finish(workshop);
		expect(first).toEqual({
			id: expect.any(String),
			boardId: workshop.facilitator.board.id,
			version: 1,
			createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)
		});
		const board = await workshop.facilitator.device.get(`/api/v1/boards/${workshop.facilitator.board.id}`);
		expect(board.body.board.finished).toBe(true);
		await waitFor(() => workshop.sockets.amira.states.at(-1)?.finished, 'the finished state at Amira');
	});

	it('refuses finishing again with 409 and stores nothing', async () => {
		expectError(
			await workshop.facilitator.device.post(`/api/v1/boards/${workshop.facilitator.board.id}/finish`),
			409,
			'conflict'
		);
		const list = await workshop.facilitator.device.get(
			`/api/v1/boards/${workshop.facilitator.board.id}/outcomes`
		);
		expect(list.body.outcomes).toHaveLength(1);
	});

	it('drops Yjs updates from every role: facilitator, participant and a viewer who joined afterwards', async () => {
		const { clients, facilitator, amira, boris } = workshop;
		const viewerDevice = new Device(server.url);
		const viewer = await viewerDevice.post('/api/v1/join', {
			code: facilitator.board.joinCode,
			name: 'Vera'
		});
		expect(viewer.body.role).toBe('viewer');
		const viewerClient = await connectSynced(server, facilitator.board.id, viewerDevice.cookie);

		writeCard(
			clients.facilitator.doc,
			{ id: facilitator.user.id, name: facilitator.user.name },
			'challenge',
			'Nach dem Ende: Moderation'
		);
		writeCard(clients.amira.doc, amira, 'challenge', 'Nach dem Ende: Amira');
		writeCard(clients.boris.doc, boris, 'solution', 'Nach dem Ende: Boris');
		writeCard(
			viewerClient.doc,
			{ id: viewer.body.participant.id, name: 'Vera' },
			'challenge',
			'Nach dem Ende: Vera'
		);
		for (const client of [clients.facilitator, clients.amira, clients.boris, viewerClient])
			await client.flush();

		const fresh = await connectSynced(server, facilitator.board.id, facilitator.device.cookie);
		const texts = cardTexts(fresh.doc);
		expect(texts.filter((text) => text.startsWith('Nach dem Ende'))).toEqual([]);
		expect(cardTexts(readStoredBoard(server.databaseFile, facilitator.board.id))).toEqual(texts);
		// Dots are part of the board too: none can be placed or taken back once it is finished.
		for (const event of ['vote:cast', 'vote:retract']) {
			expect(await workshop.sockets.amira.emit(event, { targetId: workshop.ids.rooms })).toMatchObject({
				ok: false,
				error: { code: 'conflict' }
			});
		}
		// Read-only means dropped, not disconnected: the devices still see the board.
		expect(clients.amira.provider.wsconnected).toBe(true);
		fresh.destroy();
		viewerClient.destroy();

		// Their local copies hold the refused cards; a reload from the server drops them.
		for (const key of ['facilitator', 'amira', 'boris'] as const) {
			workshop.clients[key].destroy();
		}
		workshop.clients.facilitator = await connectSynced(
			server,
			facilitator.board.id,
			facilitator.device.cookie
		);
		workshop.clients.amira = await connectSynced(server, facilitator.board.id, amira.device.cookie);
		workshop.clients.boris = await connectSynced(server, facilitator.board.id, boris.device.cookie);
	});

	it('holds a JSON document that matches the board: cards, links, cluster, votes, ranking and the meeting', async () => {
		const response = await workshop.facilitator.device.get(`/api/v1/outcomes/${first.id}`);
		expectStatus(response, 200);
		firstJson = response.text;
		const outcome = response.body as OutcomeDocument;
		const board = readBoard(workshop.clients.facilitator.doc);
		const { ids } = workshop;

		expect(outcome).toMatchObject({
			format: 'wedo-board.outcome',
			formatVersion: 1,
			id: first.id,
			version: 1,
			board: { id: workshop.facilitator.board.id, title: workshop.facilitator.board.title },
			meeting: { id: workshop.facilitator.meetingId, title: 'Stadtteilkonferenz' },
			participantCount: 3,
			anonymisedAt: null
		});
		expect(
			outcome.cards.map(({ id, text, authorName, columnId, clusterId }) => ({
				id,
				text,
				authorName,
				columnId,
				clusterId
			}))
		).toEqual(
			board.cards.map(({ id, text, authorName, columnId, clusterId }) => ({
				id,
				text,
				authorName,
				columnId,
				clusterId
			}))
		);
		expect(outcome.columns).toEqual(board.columns.map(({ id, title, kind }) => ({ id, title, kind })));
		expect(outcome.links).toEqual([{ solutionId: ids.fund, challengeId: ids.funding }]);
		expect(outcome.challenges.slice(0, 2)).toEqual([
			{ cardId: ids.rooms, rank: 1, votes: 3, solutionIds: [] },
			{ cardId: ids.arabic, rank: 2, votes: 1, solutionIds: [] }
		]);
		expect(outcome.challenges.find((challenge) => challenge.cardId === ids.funding)).toEqual({
			cardId: ids.funding,
			rank: 3,
			votes: 0,
			solutionIds: [ids.fund]
		});
		expect(outcome.clusters).toEqual([
			{ id: ids.cluster, title: TEXTS.cluster, columnId: null, cardIds: [ids.funding, ids.arabic], votes: 1 }
		]);
		expect(outcome.recommendations).toEqual([
			{ cardId: ids.recommendation, votes: 0, sourceIds: [ids.cluster, ids.fund] }
		]);
		expect(outcome.totals).toEqual({ cards: board.cards.length, votes: 5 });
		expect(outcome.ranking[0]).toEqual({ id: ids.rooms, type: 'card', votes: 3, rank: 1 });
	});

	it('is readable by the participants of the board, not by another facilitator', async () => {
		expectStatus(await workshop.amira.device.get(`/api/v1/outcomes/${first.id}`), 200);
		const stranger = await signup(server, { name: 'Other Facilitator' });
		expectError(await stranger.device.get(`/api/v1/outcomes/${first.id}`), 403, 'forbidden');
		expectError(await new Device(server.url).get(`/api/v1/outcomes/${first.id}`), 401, 'unauthenticated');
		expectError(await workshop.facilitator.device.get('/api/v1/outcomes/unknown'), 404, 'not_found');
	});

	it('reopens for writing, and finishing again makes version 2 while version 1 stays byte for byte', async () => {
		const before = storedVersion(first.id);
		const { facilitator, amira, sockets } = workshop;
		expectError(await amira.device.post(`/api/v1/boards/${facilitator.board.id}/reopen`), 403, 'forbidden');
		const reopened = await facilitator.device.post(`/api/v1/boards/${facilitator.board.id}/reopen`);
		expectStatus(reopened, 200);
		expect(reopened.body.board.finished).toBe(false);
		expectError(
			await facilitator.device.post(`/api/v1/boards/${facilitator.board.id}/reopen`),
			409,
			'conflict'
		);
		await waitFor(() => sockets.amira.states.at(-1)?.finished === false, 'the reopened state at Amira');

		const added = writeCard(workshop.clients.amira.doc, amira, 'challenge', 'Nach dem Wiederöffnen');
		await workshop.clients.amira.flush();
		await waitFor(
			() => cardTexts(workshop.clients.facilitator.doc).includes('Nach dem Wiederöffnen'),
			'the new card'
		);
		await command(sockets.facilitator, 'phase:go', { index: PHASE.vote });
		await command(sockets.boris, 'vote:cast', { targetId: added });
		await command(sockets.facilitator, 'phase:go', { index: PHASE.collect });

		const second = await finish(workshop);
		expect(second.version).toBe(2);
		expect(second.id).not.toBe(first.id);

		const after = storedVersion(first.id);
		expect(after.document).toBe(before.document);
		expect(Buffer.compare(after.state, before.state)).toBe(0);
		expect((await facilitator.device.get(`/api/v1/outcomes/${first.id}`)).text).toBe(firstJson);

		const latest = (await facilitator.device.get(`/api/v1/outcomes/${second.id}`)).body as OutcomeDocument;
		expect(latest.cards.map((card) => card.text)).toContain('Nach dem Wiederöffnen');
		expect(latest.cards.find((card) => card.id === added)?.votes).toBe(1);
		const list = await facilitator.device.get(`/api/v1/boards/${facilitator.board.id}/outcomes`);
		expect(list.body.outcomes.map((outcome: { version: number }) => outcome.version)).toEqual([1, 2]);
	});

	it('shows on the outcome page what changed since the version before', async () => {
		const list = await workshop.facilitator.device.get(
			`/api/v1/boards/${workshop.facilitator.board.id}/outcomes`
		);
		const page = await workshop.facilitator.device.get(`/outcomes/${list.body.outcomes[1].id}`);
		expectStatus(page, 200);
		expect(page.text).toContain('Version 1');
		expect(page.text).toContain('Nach dem Wiederöffnen');
		expect(page.text).toMatch(/Neue Karten/);
	});
});
