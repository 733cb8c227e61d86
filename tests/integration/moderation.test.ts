/**
 * Moderation over socket.io: the facilitator lists who joined, removes a
 * participant (connections closed at once, no way back) and undoes everything
 * that participant did, also after the log was compacted and the server restarted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyTextChange, cardText } from '../../src/lib/board/cards';
import { linkCards, unlinkCards } from '../../src/lib/board/links';
import { readBoard } from '../../src/lib/board/read';
import { linkId, linksOf } from '../../src/lib/board/schema';
import {
	expectError,
	expectStatus,
	facilitatorWithBoard,
	join,
	type BoardJson,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { draftRoomName } from '../../src/lib/server/draft-store';
import { connectError, connectSocket, type BoardSocketClient } from './helpers/socket';
import { connectSynced, rawConnect, sleep, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

// Compaction after every few updates: undo must still find everything in the log.
const env = { COMPACT_AFTER_UPDATES: '5', UNLOAD_IDLE_MS: '200' };

let server: RunningServer;
let yjsClients: YjsClient[] = [];
let sockets: BoardSocketClient[] = [];

interface Scene {
	owner: Facilitator & { board: BoardJson };
	amira: Participant;
	mallory: Participant;
	facilitatorSocket: BoardSocketClient;
}

async function yjs(boardId: string, cookie: string): Promise<YjsClient> {
	const client = await connectSynced(server, boardId, cookie);
	yjsClients.push(client);
	return client;
}

async function socket(boardId: string, cookie: string): Promise<BoardSocketClient> {
	const client = await connectSocket(server, boardId, cookie);
	sockets.push(client);
	return client;
}

async function scene(): Promise<Scene> {
	const owner = await facilitatorWithBoard(server);
	const amira = await join(server, owner.board.joinCode, 'Amira');
	const mallory = await join(server, owner.board.joinCode, 'Mallory');
	return { owner, amira, mallory, facilitatorSocket: await socket(owner.board.id, owner.device.cookie) };
}

beforeAll(async () => {
	server = await startServer({ env });
});

afterEach(() => {
	for (const client of yjsClients) client.destroy();
	for (const client of sockets) client.close();
	yjsClients = [];
	sockets = [];
});

afterAll(async () => {
	await server?.stop();
});

describe('participants:list', () => {
	it('names everyone who joined, with organisation, whether they are online, and who was removed', async () => {
		const s = await scene();
		const { owner } = s;
		const anonymous = await join(server, owner.board.joinCode, null);
		// Joining again from the same device updates the name and organisation.
		const rejoined = await s.amira.device.post('/api/v1/join', {
			code: owner.board.joinCode,
			name: 'Amira',
			organisation: 'Frauen im Quartier'
		});
		expectStatus(rejoined, 200);
		await yjs(owner.board.id, s.amira.device.cookie);
		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: s.mallory.id })).toEqual({
			ok: true
		});

		const listed = await s.facilitatorSocket.emit('participants:list', {});
		expect(listed).toEqual({
			ok: true,
			participants: [
				{
					id: s.amira.id,
					name: 'Amira',
					organisation: 'Frauen im Quartier',
					role: 'participant',
					removed: false,
					online: true
				},
				{
					id: s.mallory.id,
					name: 'Mallory',
					organisation: null,
					role: 'participant',
					removed: true,
					online: false
				},
				{
					id: anonymous.id,
					name: null,
					organisation: null,
					role: 'participant',
					removed: false,
					online: false
				}
			]
		});
	});
});

describe('participant:remove', () => {
	it('closes the participant’s connections at once (4410, final) and keeps them out for good', async () => {
		const s = await scene();
		const { owner, mallory } = s;
		const amiraClient = await yjs(owner.board.id, s.amira.device.cookie);
		const malloryClient = await yjs(owner.board.id, mallory.device.cookie);
		const mallorySocket = await socket(owner.board.id, mallory.device.cookie);
		const socketGone = new Promise<string>((resolve) => mallorySocket.socket.on('disconnect', resolve));

		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: mallory.id })).toEqual({
			ok: true
		});
		expect(await malloryClient.closed()).toBe(4410);
		expect(await socketGone).toBe('io server disconnect');
		await sleep(600);
		expect(malloryClient.closeCodes).toEqual([4410]);
		expect(malloryClient.provider.wsconnected).toBe(false);

		// No way back: not on the Yjs channel, not on socket.io, not over HTTP, not by joining again.
		expect((await rawConnect(server, owner.board.id, mallory.device.cookie)).code).toBe(4403);
		expect((await connectError(server, owner.board.id, mallory.device.cookie)).message).toBe('forbidden');
		expectError(await mallory.device.get(`/api/v1/boards/${owner.board.id}`), 403, 'forbidden');
		expect((await mallory.device.get(`/boards/${owner.board.id}`)).status).toBe(403);
		expectError(
			await mallory.device.post('/api/v1/join', { code: owner.board.joinCode, name: 'Neu' }),
			403,
			'forbidden'
		);

		// Everyone else carries on.
		await amiraClient.flush();
		expect(amiraClient.closeCodes).toEqual([]);
		const cardId = writeCard(amiraClient.doc, s.amira, 'challenge', 'Weiter');
		const check = await yjs(owner.board.id, owner.device.cookie);
		await waitFor(() => findCard(check.doc, cardId), 'Amira’s card after the removal');
	});

	it('answers not_found for someone who is not on this board, invalid_input for a malformed id', async () => {
		const s = await scene();
		const elsewhere = await facilitatorWithBoard(server);
		const stranger = await join(server, elsewhere.board.joinCode, 'Fremd');
		for (const participantId of [stranger.id, 'doesnotexist']) {
			const ack = await s.facilitatorSocket.emit('participant:remove', { participantId });
			expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
		}
		for (const input of [{}, { participantId: 42 }, { participantId: '' }, null]) {
			const ack = await s.facilitatorSocket.emit('participant:remove', input);
			expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		}
		// The stranger is still on their own board.
		expectStatus(await stranger.device.get(`/api/v1/boards/${elsewhere.board.id}`), 200);
	});
});

describe('participant:undo', () => {
	it('removes what the participant added, restores what they deleted, keeps everyone else’s work', async () => {
		const s = await scene();
		const { owner, amira, mallory } = s;
		const facilitator = { id: owner.user.id, name: owner.user.name };
		const amiraClient = await yjs(owner.board.id, amira.device.cookie);
		const malloryClient = await yjs(owner.board.id, mallory.device.cookie);

		const amiraChallenge = writeCard(amiraClient.doc, amira, 'challenge', 'Kein Raum für Treffen');
		const facilitatorClient = await yjs(owner.board.id, owner.device.cookie);
		const facilitatorCard = writeCard(facilitatorClient.doc, facilitator, 'solution', 'Gemeindesaal fragen');
		const spam = writeCard(malloryClient.doc, mallory, 'challenge', 'Alles Unsinn');
		const spamSolution = writeCard(malloryClient.doc, mallory, 'solution', 'Noch mehr Unsinn');
		await malloryClient.flush();
		applyTextChange(cardText(malloryClient.doc, spam)!, 'Alles Unsinn!!!');
		linkCards(malloryClient.doc, {
			solutionId: spamSolution,
			challengeId: amiraChallenge,
			authorId: mallory.id,
			createdAt: 1
		});
		// Amira answers Mallory's challenge with a link; Mallory, author of that card, takes it away.
		await waitFor(() => findCard(amiraClient.doc, spam), 'Mallory’s card at Amira');
		const amiraSolution = writeCard(amiraClient.doc, amira, 'solution', 'Sprechen wir darüber');
		linkCards(amiraClient.doc, {
			solutionId: amiraSolution,
			challengeId: spam,
			authorId: amira.id,
			createdAt: 2
		});
		const amiraLink = linkId(amiraSolution, spam);
		await amiraClient.flush();
		await waitFor(() => linksOf(malloryClient.doc).has(amiraLink), 'Amira’s link at Mallory');
		unlinkCards(malloryClient.doc, amiraLink);
		await malloryClient.flush();
		// Amira keeps working afterwards; her later edit must survive the undo.
		applyTextChange(cardText(amiraClient.doc, amiraChallenge)!, 'Kein Raum für Treffen am Abend');
		await amiraClient.flush();
		await facilitatorClient.flush();
		expect(linksOf(facilitatorClient.doc).has(amiraLink)).toBe(false);
		malloryClient.destroy();

		const ack = await s.facilitatorSocket.emit('participant:undo', { participantId: mallory.id });
		expect(ack).toMatchObject({ ok: true, reverted: expect.any(Number) });
		expect((ack as unknown as { reverted: number }).reverted).toBeGreaterThanOrEqual(4);

		await waitFor(() => !findCard(amiraClient.doc, spam), 'the undo at Amira');
		for (const client of [amiraClient, facilitatorClient]) {
			await client.flush();
			const board = readBoard(client.doc);
			expect(board.cards.map((card) => card.id).sort()).toEqual(
				[amiraChallenge, facilitatorCard, amiraSolution].sort()
			);
			expect(findCard(client.doc, amiraChallenge)?.text).toBe('Kein Raum für Treffen am Abend');
			expect(board.links).toEqual([]);
			// What Mallory deleted is back in the document (it links to her card, which is gone, so it is not shown).
			expect(linksOf(client.doc).has(amiraLink)).toBe(true);
			expect(linksOf(client.doc).has(linkId(spamSolution, amiraChallenge))).toBe(false);
		}
		const stored = readStoredBoard(server.databaseFile, owner.board.id);
		expect(readBoard(stored)).toEqual(readBoard(facilitatorClient.doc));
		stored.destroy();

		// A second undo finds nothing left to change.
		const before = readBoard(facilitatorClient.doc);
		expect(await s.facilitatorSocket.emit('participant:undo', { participantId: mallory.id })).toMatchObject({
			ok: true
		});
		await facilitatorClient.flush();
		expect(readBoard(facilitatorClient.doc)).toEqual(before);
	});

	it('works on a board nobody has open, after compactions and a restart, and after the removal', async () => {
		const s = await scene();
		const { owner, amira, mallory } = s;
		const amiraClient = await yjs(owner.board.id, amira.device.cookie);
		const malloryClient = await yjs(owner.board.id, mallory.device.cookie);
		const kept = writeCard(amiraClient.doc, amira, 'challenge', 'Bleibt');
		const spam: string[] = [];
		for (let i = 0; i < 12; i++) {
			spam.push(writeCard(malloryClient.doc, mallory, i % 2 ? 'solution' : 'challenge', `Spam ${i}`));
			await sleep(5);
		}
		await malloryClient.flush();
		await amiraClient.flush();
		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: mallory.id })).toEqual({
			ok: true
		});
		for (const client of yjsClients) client.destroy();
		yjsClients = [];
		s.facilitatorSocket.close();

		expect((await server.stop()).code).toBe(0);
		server = await startServer({ dataDir: server.dataDir, env });
		owner.device.baseUrl = server.url;
		const facilitatorSocket = await socket(owner.board.id, owner.device.cookie);
		const ack = await facilitatorSocket.emit('participant:undo', { participantId: mallory.id });
		expect(ack).toMatchObject({ ok: true, reverted: 12 });

		const check = await yjs(owner.board.id, owner.device.cookie);
		expect(readBoard(check.doc).cards.map((card) => card.id)).toEqual([kept]);
		for (const id of spam) expect(findCard(check.doc, id)).toBeUndefined();
		const stored = readStoredBoard(server.databaseFile, owner.board.id);
		expect(readBoard(stored).cards.map((card) => card.id)).toEqual([kept]);
		stored.destroy();
	});

	it('also takes back the cards the participant wrote privately, published at the reveal', async () => {
		const s = await scene();
		const { owner, amira, mallory } = s;
		const amiraClient = await yjs(owner.board.id, amira.device.cookie);
		const kept = writeCard(amiraClient.doc, amira, 'challenge', 'Offen geschrieben');
		await amiraClient.flush();
		expect(await s.facilitatorSocket.emit('private:set', { on: true })).toEqual({ ok: true });
		const drafts = await yjs(draftRoomName(owner.board.id, mallory.id), mallory.device.cookie);
		const secret = writeCard(drafts.doc, mallory, 'challenge', 'Heimlicher Unsinn');
		await drafts.flush();
		expect(await s.facilitatorSocket.emit('private:reveal', {})).toMatchObject({ ok: true, published: 1 });
		await waitFor(() => findCard(amiraClient.doc, secret), 'the revealed card at Amira');

		// Removal closes the drafts connection too.
		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: mallory.id })).toEqual({
			ok: true
		});
		expect(await drafts.closed()).toBe(4410);
		expect(await s.facilitatorSocket.emit('participant:undo', { participantId: mallory.id })).toMatchObject({
			ok: true,
			reverted: 1
		});
		await waitFor(() => !findCard(amiraClient.doc, secret), 'the undo of the revealed card at Amira');
		expect(readBoard(amiraClient.doc).cards.map((card) => card.id)).toEqual([kept]);
	});

	it('answers not_found for someone not on this board and changes nothing', async () => {
		const s = await scene();
		const elsewhere = await facilitatorWithBoard(server);
		const stranger = await join(server, elsewhere.board.joinCode, 'Fremd');
		const ack = await s.facilitatorSocket.emit('participant:undo', { participantId: stranger.id });
		expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});
});
