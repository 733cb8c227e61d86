/**
 * Cards in several languages over the real channels: the facilitator lets participants
 * act as interpreters with `board:interpreters` (socket.io); the Yjs endpoint then
 * accepts their translations of others' cards, and refuses them (4422) otherwise.
 * A card's language never changes once it is written.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, applyTextChange } from '../../src/lib/board/cards';
import { newId } from '../../src/lib/board/ids';
import { cardsOf } from '../../src/lib/board/schema';
import { openTranslation } from '../../src/lib/board/translations';
import {
	facilitatorWithBoard,
	join,
	type BoardJson,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { columnId, findCard } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { connectSocket, type BoardSocketClient } from './helpers/socket';
import { connectSynced, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

const REFUSED = 4422;

let server: RunningServer;
let clients: YjsClient[] = [];
let sockets: BoardSocketClient[] = [];

async function connect(boardId: string, cookie: string): Promise<YjsClient> {
	const client = await connectSynced(server, boardId, cookie);
	clients.push(client);
	return client;
}

async function socketOf(boardId: string, cookie: string): Promise<BoardSocketClient> {
	const socket = await connectSocket(server, boardId, cookie);
	sockets.push(socket);
	return socket;
}

interface Scene {
	facilitator: Facilitator & { board: BoardJson };
	board: BoardJson;
	/** Wrote the card, in Arabic. */
	amina: Participant;
	/** Would translate it into Russian. */
	oleg: Participant;
	aminaClient: YjsClient;
	cardId: string;
}

async function scene(): Promise<Scene> {
	const facilitator = await facilitatorWithBoard(server);
	const board = facilitator.board;
	const amina = await join(server, board.joinCode, 'Amina');
	const oleg = await join(server, board.joinCode, 'Oleg');
	const aminaClient = await connect(board.id, amina.device.cookie);
	const cardId = newId();
	addCard(aminaClient.doc, {
		id: cardId,
		columnId: columnId(aminaClient.doc, 'challenge'),
		text: 'لا توجد قاعات كافية للقاءاتنا',
		authorId: amina.id,
		authorName: 'Amina',
		createdAt: Date.now(),
		lang: 'ar'
	});
	await aminaClient.flush();
	return { facilitator, board, amina, oleg, aminaClient, cardId };
}

function translate(doc: Y.Doc, cardId: string, lang: string, text: string): void {
	applyTextChange(openTranslation(doc, cardId, lang)!, text);
}

beforeAll(async () => {
	server = await startServer();
});

afterEach(() => {
	for (const client of clients) client.destroy();
	for (const socket of sockets) socket.close();
	clients = [];
	sockets = [];
});

afterAll(async () => {
	await server?.stop();
});

describe('interpreters', () => {
	it('a participant’s translation of someone else’s card is refused while interpreters are not allowed', async () => {
		const s = await scene();
		const olegClient = await connect(s.board.id, s.oleg.device.cookie);
		translate(olegClient.doc, s.cardId, 'ru', 'Не хватает помещений для встреч');
		expect(await olegClient.closed()).toBe(REFUSED);
		await s.aminaClient.flush();
		expect(findCard(s.aminaClient.doc, s.cardId)!.translations).toEqual({});
		const stored = readStoredBoard(server.databaseFile, s.board.id);
		expect(findCard(stored, s.cardId)!.translations).toEqual({});
		stored.destroy();
	});

	it('once the facilitator allows interpreters, the translation is accepted, shared and stored', async () => {
		const s = await scene();
		const facilitatorSocket = await socketOf(s.board.id, s.facilitator.device.cookie);
		const olegSocket = await socketOf(s.board.id, s.oleg.device.cookie);
		expect(olegSocket.states.at(-1)!.interpretersAllowed).toBe(false);

		expect(await facilitatorSocket.emit('board:interpreters', { allowed: true })).toEqual({ ok: true });
		await waitFor(() => olegSocket.states.at(-1)?.interpretersAllowed === true);

		const olegClient = await connect(s.board.id, s.oleg.device.cookie);
		translate(olegClient.doc, s.cardId, 'ru', 'Не хватает помещений для встреч');
		await olegClient.flush();
		expect(olegClient.closeCodes).toEqual([]);
		await s.aminaClient.flush();
		const seen = findCard(s.aminaClient.doc, s.cardId)!;
		expect(seen.lang).toBe('ar');
		expect(seen.translations).toEqual({ ru: 'Не хватает помещений для встреч' });
		const stored = readStoredBoard(server.databaseFile, s.board.id);
		expect(findCard(stored, s.cardId)!.translations).toEqual({ ru: 'Не хватает помещений для встреч' });
		stored.destroy();

		// Turned off again, the next translation is refused.
		expect(await facilitatorSocket.emit('board:interpreters', { allowed: false })).toEqual({ ok: true });
		await waitFor(() => olegSocket.states.at(-1)?.interpretersAllowed === false);
		translate(olegClient.doc, s.cardId, 'tr', 'Toplantılarımız için yeterli salon yok');
		expect(await olegClient.closed()).toBe(REFUSED);
	});

	it('the author and the facilitator translate without any permission', async () => {
		const s = await scene();
		translate(s.aminaClient.doc, s.cardId, 'de', 'Es gibt nicht genug Räume für unsere Treffen');
		await s.aminaClient.flush();
		const facilitatorClient = await connect(s.board.id, s.facilitator.device.cookie);
		translate(facilitatorClient.doc, s.cardId, 'en', 'There are not enough rooms for our meetings');
		await facilitatorClient.flush();
		expect([...s.aminaClient.closeCodes, ...facilitatorClient.closeCodes]).toEqual([]);
		await s.aminaClient.flush();
		expect(Object.keys(findCard(s.aminaClient.doc, s.cardId)!.translations).sort()).toEqual(['de', 'en']);
	});

	it('only a facilitator may allow interpreters, and only with a boolean', async () => {
		const s = await scene();
		const olegSocket = await socketOf(s.board.id, s.oleg.device.cookie);
		expect(await olegSocket.emit('board:interpreters', { allowed: true })).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		const facilitatorSocket = await socketOf(s.board.id, s.facilitator.device.cookie);
		expect(await facilitatorSocket.emit('board:interpreters', { allowed: 'yes' })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input' }
		});
		const response = await s.facilitator.device.get(`/api/v1/boards/${s.board.id}`);
		expect(response.body.board.interpretersAllowed).toBe(false);
	});
});

describe('the language a card was written in', () => {
	it('cannot be changed afterwards, not even by its author', async () => {
		const s = await scene();
		cardsOf(s.aminaClient.doc).get(s.cardId)!.set('lang', 'de');
		expect(await s.aminaClient.closed()).toBe(REFUSED);
		const stored = readStoredBoard(server.databaseFile, s.board.id);
		expect(findCard(stored, s.cardId)!.lang).toBe('ar');
		stored.destroy();
	});
});
