/** The Yjs channel with the stock y-websocket client: the document's shape and live collaboration. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, cardText } from '../../src/lib/board/cards';
import { linkCards } from '../../src/lib/board/links';
import { readBoard } from '../../src/lib/board/read';
import { facilitatorWithBoard, join } from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { connectSynced, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;
let clients: YjsClient[] = [];

async function connect(boardId: string, cookie: string): Promise<YjsClient> {
	const client = await connectSynced(server, boardId, cookie);
	clients.push(client);
	return client;
}

beforeAll(async () => {
	server = await startServer();
});

afterEach(() => {
	const open = clients;
	clients = [];
	for (const client of open) client.destroy();
});

afterAll(async () => {
	await server?.stop();
});

describe('the board document', () => {
	it('has the contract’s columns from the start: one challenge and one solution column, no cards', async () => {
		const { device, board } = await facilitatorWithBoard(server);
		const participant = await join(server, board.joinCode, 'Pia');
		for (const cookie of [device.cookie, participant.device.cookie]) {
			const { doc } = await connect(board.id, cookie);
			const columns = doc.getArray('columns');
			expect(columns.length).toBe(2);
			const maps = columns.toArray();
			for (const column of maps) {
				expect(column).toBeInstanceOf(Y.Map);
				const map = column as Y.Map<unknown>;
				expect(typeof map.get('id')).toBe('string');
				expect((map.get('id') as string).length).toBeGreaterThan(0);
				expect(typeof map.get('title')).toBe('string');
			}
			const kinds = maps.map((column) => (column as Y.Map<unknown>).get('kind')).sort();
			expect(kinds).toEqual(['challenge', 'solution']);
			expect(doc.getMap('cards').size).toBe(0);
		}
	});

	it('every device sees the same columns (created once, on the server)', async () => {
		const { device, board } = await facilitatorWithBoard(server);
		const first = await connect(board.id, device.cookie);
		const second = await connect(board.id, (await join(server, board.joinCode, 'Pia')).device.cookie);
		expect(readBoard(second.doc).columns).toEqual(readBoard(first.doc).columns);
	});
});

describe('live collaboration', () => {
	it('a facilitator and a participant see each other’s cards, text edits and links live', async () => {
		const facilitator = await facilitatorWithBoard(server);
		const { board } = facilitator;
		const participant = await join(server, board.joinCode, 'Amira');
		const facilitatorClient = await connect(board.id, facilitator.device.cookie);
		const participantClient = await connect(board.id, participant.device.cookie);

		const challengeId = writeCard(participantClient.doc, participant, 'challenge', 'Busse fahren zu selten');
		const seen = await waitFor(
			() => findCard(facilitatorClient.doc, challengeId),
			'the card at the facilitator'
		);
		expect(seen).toMatchObject({
			text: 'Busse fahren zu selten',
			authorId: participant.id,
			authorName: 'Amira'
		});
		const stored = facilitatorClient.doc.getMap('cards').get(challengeId) as Y.Map<unknown>;
		expect(stored.get('text')).toBeInstanceOf(Y.Text);
		expect(typeof stored.get('createdAt')).toBe('number');

		const solutionId = writeCard(
			facilitatorClient.doc,
			{ id: facilitator.user.id, name: facilitator.user.name },
			'solution',
			'Takt verdichten'
		);
		await waitFor(() => findCard(participantClient.doc, solutionId), 'the card at the participant');
		expect(findCard(participantClient.doc, solutionId)?.authorId).toBe(facilitator.user.id);

		applyTextChange(cardText(participantClient.doc, challengeId)!, 'Busse fahren abends zu selten');
		await waitFor(
			() => findCard(facilitatorClient.doc, challengeId)?.text === 'Busse fahren abends zu selten',
			'the text edit at the facilitator'
		);

		const linked = linkCards(participantClient.doc, {
			solutionId,
			challengeId,
			authorId: participant.id,
			createdAt: Date.now()
		});
		expect(linked).toBe(true);
		await waitFor(() => readBoard(facilitatorClient.doc).links.length === 1, 'the link at the facilitator');
		expect(readBoard(facilitatorClient.doc).links[0]).toMatchObject({ solutionId, challengeId });
		expect(readBoard(facilitatorClient.doc)).toEqual(readBoard(participantClient.doc));
	});

	it('two participants see each other’s cards, and a later device receives everything on connect', async () => {
		const { board } = await facilitatorWithBoard(server);
		const amira = await join(server, board.joinCode, 'Amira');
		const bruno = await join(server, board.joinCode, null);
		const amiraClient = await connect(board.id, amira.device.cookie);
		const brunoClient = await connect(board.id, bruno.device.cookie);

		const fromAmira = writeCard(amiraClient.doc, amira, 'challenge', 'Kein Treffpunkt für Jugendliche');
		const fromBruno = writeCard(brunoClient.doc, bruno, 'solution', 'Jugendcafé im Gemeindehaus');
		await waitFor(() => findCard(amiraClient.doc, fromBruno), 'Bruno’s card at Amira');
		await waitFor(() => findCard(brunoClient.doc, fromAmira), 'Amira’s card at Bruno');
		expect(findCard(amiraClient.doc, fromBruno)?.authorName).toBeNull();

		// A device that connects later receives the whole board in its first sync.
		const latecomer = await connect(board.id, (await join(server, board.joinCode, 'Cem')).device.cookie);
		expect(readBoard(latecomer.doc)).toEqual(readBoard(amiraClient.doc));
	});

	it('presence (awareness) reaches the other devices; a presence naming someone else does not', async () => {
		const { board } = await facilitatorWithBoard(server);
		const amira = await join(server, board.joinCode, 'Amira');
		const bruno = await join(server, board.joinCode, 'Bruno');
		const amiraClient = await connect(board.id, amira.device.cookie);
		const brunoClient = await connect(board.id, bruno.device.cookie);
		const amiraId = amiraClient.doc.clientID;

		amiraClient.provider.awareness.setLocalStateField('user', { id: amira.id, name: 'Amira' });
		const seen = await waitFor(
			() => brunoClient.provider.awareness.getStates().get(amiraId) as { user?: { id: string } } | undefined,
			'Amira’s presence at Bruno'
		);
		expect(seen.user).toEqual({ id: amira.id, name: 'Amira' });

		brunoClient.provider.awareness.setLocalStateField('user', { id: amira.id, name: 'Amira' });
		await brunoClient.flush();
		await amiraClient.flush();
		const forged = amiraClient.provider.awareness.getStates().get(brunoClient.doc.clientID) as
			{ user?: { id: string } } | undefined;
		expect(forged?.user?.id).not.toBe(amira.id);
	});
});
