/**
 * The server's authorship rules on the Yjs channel, attacked with the stock
 * client whose document is changed directly: a refused update closes the
 * sender's connection with 4422 and reaches neither other devices nor the database.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, applyTextChange, cardText, deleteCard } from '../../src/lib/board/cards';
import { newId } from '../../src/lib/board/ids';
import { readBoard } from '../../src/lib/board/read';
import { cardsOf, columnsOf } from '../../src/lib/board/schema';
import { boardWithParticipants } from './helpers/flows';
import { authorOf, columnId, findCard, writeCard, type Author } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { connectSocket } from './helpers/socket';
import { rawConnect, updateMessage, waitFor, type YjsClient } from './helpers/yjs';
import { useStage } from './helpers/stage';

const REFUSED = 4422;

const stage = useStage({ closeClients: 'after-each' });

type Scene = Awaited<ReturnType<typeof scene>>;

/** A board that Amira and Bruno joined. */
async function scene() {
	const {
		owner,
		board,
		participants: [amira, bruno]
	} = await boardWithParticipants(stage.server, 'Amira', 'Bruno');
	return { facilitator: owner, facilitatorAuthor: authorOf(owner), amira, bruno, board };
}

/** The stored board (read from the SQLite file) and a freshly connected device both show `card` as it was. */
async function expectUnchangedEverywhere(
	s: Scene,
	observer: YjsClient,
	cardId: string,
	expected: ReturnType<typeof findCard>
): Promise<void> {
	await observer.flush();
	expect(findCard(observer.doc, cardId)).toEqual(expected);
	expect(observer.closeCodes).toEqual([]);
	const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
	expect(findCard(stored, cardId)).toEqual(expected);
	stored.destroy();
	const fresh = await stage.yjs(s.board.id, s.facilitator.device.cookie);
	expect(findCard(fresh.doc, cardId)).toEqual(expected);
}

describe('a participant may not touch another participant’s card', () => {
	let s: Scene;
	let amiraClient: YjsClient;
	let cardId: string;
	let original: ReturnType<typeof findCard>;

	async function attack(edit: (doc: Y.Doc) => void): Promise<void> {
		const brunoClient = await stage.yjs(s.board.id, s.bruno.device.cookie);
		expect(findCard(brunoClient.doc, cardId)).toEqual(original);
		edit(brunoClient.doc);
		expect(await brunoClient.closed()).toBe(REFUSED);
		// Final for the stock client: it does not come back to try again.
		expect(brunoClient.provider.shouldConnect).toBe(false);
	}

	beforeAll(async () => {
		s = await scene();
	});

	// Each attack runs against a fresh card of Amira's, watched by Amira's own device.
	beforeEach(async () => {
		amiraClient = await stage.yjs(s.board.id, s.amira.device.cookie);
		cardId = writeCard(amiraClient.doc, s.amira, 'challenge', 'Amiras Karte');
		await amiraClient.flush();
		original = findCard(amiraClient.doc, cardId);
		expect(original).toMatchObject({ authorId: s.amira.id, authorName: 'Amira', text: 'Amiras Karte' });
	});

	it.each<[string, (doc: Y.Doc) => void]>([
		['deleting it is refused with 4422 and changes nothing', (doc) => deleteCard(doc, cardId)],
		[
			'overwriting its text is refused with 4422 and changes nothing',
			(doc) => applyTextChange(cardText(doc, cardId)!, 'Bruno war hier')
		],
		['adding to its text is refused too', (doc) => cardText(doc, cardId)!.insert(0, 'Nicht: ')],
		[
			'moving it to another column is refused with 4422 and changes nothing',
			(doc) => cardsOf(doc).get(cardId)!.set('columnId', columnId(doc, 'solution'))
		],
		[
			're-attributing it to himself is refused',
			(doc) => cardsOf(doc).get(cardId)!.set('authorId', s.bruno.id)
		]
	])('%s', async (_name, edit) => {
		await attack(edit);
		await expectUnchangedEverywhere(s, amiraClient, cardId, original);
	});

	/** A challenge as a hostile client writes it: with whatever id and author it claims. */
	function forgedChallenge(card: { id: string; text: string; authorId: string; authorName: string }) {
		return (doc: Y.Doc) =>
			addCard(doc, { ...card, columnId: columnId(doc, 'challenge'), createdAt: Date.now() });
	}

	it('creating a card that claims Amira as its author is refused and the card exists nowhere', async () => {
		const forgedId = newId();
		await attack(
			forgedChallenge({
				id: forgedId,
				text: 'Amira sagt etwas, das sie nie sagte',
				authorId: s.amira.id,
				authorName: 'Amira'
			})
		);
		await expectUnchangedEverywhere(s, amiraClient, forgedId, undefined);
	});

	it('creating a card under his own id but Amira’s name is refused', async () => {
		const forgedId = newId();
		await attack(
			forgedChallenge({ id: forgedId, text: 'Mit falschem Namen', authorId: s.bruno.id, authorName: 'Amira' })
		);
		await expectUnchangedEverywhere(s, amiraClient, forgedId, undefined);
	});

	it('replacing her card with his own under the same id is refused', async () => {
		await attack(forgedChallenge({ id: cardId, text: 'Ersetzt', authorId: s.bruno.id, authorName: 'Bruno' }));
		await expectUnchangedEverywhere(s, amiraClient, cardId, original);
	});

	it('writing under the Yjs client id of Amira’s device is refused', async () => {
		// Yjs orders concurrent changes by client id; borrowing hers could shadow her later edits.
		// The stock client picks a new id when it sees its own in use, so the update is made by hand:
		// the board as it is, then a card of Bruno's own, written as Amira's client id.
		const hostile = new Y.Doc();
		Y.applyUpdate(hostile, Y.encodeStateAsUpdate(amiraClient.doc));
		const base = Y.encodeStateVector(hostile);
		hostile.clientID = amiraClient.doc.clientID;
		const ownCard = writeCard(hostile, s.bruno, 'solution', 'Unter fremder Kennung');
		const update = Y.encodeStateAsUpdate(hostile, base);
		expect(Y.decodeUpdate(update).structs.every((struct) => struct.id.client === hostile.clientID)).toBe(
			true
		);
		hostile.destroy();

		const outcome = await rawConnect(stage.server, s.board.id, s.bruno.device.cookie, {
			send: [updateMessage(update)]
		});
		expect(outcome.code).toBe(REFUSED);
		await expectUnchangedEverywhere(s, amiraClient, ownCard, undefined);
	});

	it('a participant may not remove or rename the facilitator’s columns', async () => {
		const columns = readBoard(amiraClient.doc).columns;
		const brunoClient = await stage.yjs(s.board.id, s.bruno.device.cookie);
		columnsOf(brunoClient.doc).delete(0, 1);
		expect(await brunoClient.closed()).toBe(REFUSED);
		const renamer = await stage.yjs(s.board.id, s.bruno.device.cookie);
		columnsOf(renamer.doc).get(0).set('title', 'Meine Spalte');
		expect(await renamer.closed()).toBe(REFUSED);
		await amiraClient.flush();
		expect(readBoard(amiraClient.doc).columns).toEqual(columns);
		const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
		expect(readBoard(stored).columns).toEqual(columns);
		stored.destroy();
	});
});

describe('what authors and facilitators may do', () => {
	it('a participant edits, moves and deletes her own card; the others see each step', async () => {
		const s = await scene();
		const amiraClient = await stage.yjs(s.board.id, s.amira.device.cookie);
		const brunoClient = await stage.yjs(s.board.id, s.bruno.device.cookie);
		const cardId = writeCard(amiraClient.doc, s.amira, 'challenge', 'Erster Entwurf');
		await waitFor(() => findCard(brunoClient.doc, cardId), 'the card at Bruno');

		applyTextChange(cardText(amiraClient.doc, cardId)!, 'Zweiter Entwurf');
		await waitFor(() => findCard(brunoClient.doc, cardId)?.text === 'Zweiter Entwurf', 'the edit at Bruno');

		const solutions = columnId(amiraClient.doc, 'solution');
		cardsOf(amiraClient.doc).get(cardId)!.set('columnId', solutions);
		await waitFor(() => findCard(brunoClient.doc, cardId)?.columnId === solutions, 'the move at Bruno');

		deleteCard(amiraClient.doc, cardId);
		await waitFor(() => !cardsOf(brunoClient.doc).has(cardId), 'the deletion at Bruno');
		await amiraClient.flush();
		expect(amiraClient.closeCodes).toEqual([]);
		const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
		expect(findCard(stored, cardId)).toBeUndefined();
		stored.destroy();
	});

	it('a facilitator edits and deletes any participant’s card', async () => {
		const s = await scene();
		const amiraClient = await stage.yjs(s.board.id, s.amira.device.cookie);
		const facilitatorClient = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		const cardId = writeCard(amiraClient.doc, s.amira, 'challenge', 'Tippfeler');
		await waitFor(() => findCard(facilitatorClient.doc, cardId), 'the card at the facilitator');

		applyTextChange(cardText(facilitatorClient.doc, cardId)!, 'Tippfehler');
		await waitFor(() => findCard(amiraClient.doc, cardId)?.text === 'Tippfehler', 'the correction at Amira');
		// The card stays Amira's.
		expect(findCard(amiraClient.doc, cardId)?.authorId).toBe(s.amira.id);

		deleteCard(facilitatorClient.doc, cardId);
		await waitFor(() => !cardsOf(amiraClient.doc).has(cardId), 'the deletion at Amira');
		expect(facilitatorClient.closeCodes).toEqual([]);
	});

	it('a facilitator may not create a card in someone else’s name either', async () => {
		const s = await scene();
		const facilitatorClient = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		const observer = await stage.yjs(s.board.id, s.amira.device.cookie);
		const forged = writeCard(facilitatorClient.doc, s.amira, 'challenge', 'Untergeschoben');
		expect(await facilitatorClient.closed()).toBe(REFUSED);
		await observer.flush();
		expect(findCard(observer.doc, forged)).toBeUndefined();
	});
});

describe('column titles (200 characters)', () => {
	it('a facilitator renames a column; a title over 200 characters is refused', async () => {
		const s = await scene();
		const facilitatorClient = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		const observer = await stage.yjs(s.board.id, s.amira.device.cookie);
		columnsOf(facilitatorClient.doc).get(0).set('title', 'T'.repeat(200));
		await waitFor(() => readBoard(observer.doc).columns[0].title === 'T'.repeat(200), 'the new title');
		columnsOf(facilitatorClient.doc).get(0).set('title', 'U'.repeat(201));
		expect(await facilitatorClient.closed()).toBe(REFUSED);
		await observer.flush();
		expect(readBoard(observer.doc).columns[0].title).toBe('T'.repeat(200));
	});
});

describe('card text limit (2,000 characters)', () => {
	function cardWithText(doc: Y.Doc, author: Author, text: string): string {
		// Built by hand: addCard itself cuts text at the limit, a hostile client would not.
		const id = newId();
		const map = new Y.Map<unknown>();
		doc.transact(() => {
			map.set('id', id);
			map.set('columnId', columnId(doc, 'challenge'));
			map.set('text', new Y.Text(text));
			map.set('authorId', author.id);
			map.set('authorName', author.name);
			map.set('createdAt', Date.now());
			cardsOf(doc).set(id, map);
		});
		return id;
	}

	it('a new card of 2,001 characters is refused; 2,000 are accepted', async () => {
		const s = await scene();
		const observer = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		const writer = await stage.yjs(s.board.id, s.amira.device.cookie);
		const fits = cardWithText(writer.doc, s.amira, 'a'.repeat(2000));
		await waitFor(() => findCard(observer.doc, fits)?.text.length === 2000, 'the 2,000-character card');

		const tooLong = cardWithText(writer.doc, s.amira, 'b'.repeat(2001));
		expect(await writer.closed()).toBe(REFUSED);
		await observer.flush();
		expect(findCard(observer.doc, tooLong)).toBeUndefined();
		const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
		expect(findCard(stored, tooLong)).toBeUndefined();
		stored.destroy();
	});

	it('growing a card past 2,000 characters is refused, for facilitators too', async () => {
		const s = await scene();
		const amiraClient = await stage.yjs(s.board.id, s.amira.device.cookie);
		const cardId = writeCard(amiraClient.doc, s.amira, 'challenge', 'c'.repeat(1990));
		await amiraClient.flush();
		applyTextChange(cardText(amiraClient.doc, cardId)!, 'c'.repeat(2000));
		await amiraClient.flush();
		cardText(amiraClient.doc, cardId)!.insert(2000, '!');
		expect(await amiraClient.closed()).toBe(REFUSED);

		const facilitatorClient = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		expect(findCard(facilitatorClient.doc, cardId)?.text).toBe('c'.repeat(2000));
		cardText(facilitatorClient.doc, cardId)!.insert(0, 'Zu viel: ');
		expect(await facilitatorClient.closed()).toBe(REFUSED);

		const fresh = await stage.yjs(s.board.id, s.bruno.device.cookie);
		expect(findCard(fresh.doc, cardId)?.text).toBe('c'.repeat(2000));
	});
});

describe('a locked board', () => {
	it('drops participants’ updates, passes the facilitator’s, and unlocking restores writing', async () => {
		const s = await scene();
		const facilitatorSocket = await connectSocket(stage.server, s.board.id, s.facilitator.device.cookie);
		const amiraSocket = await connectSocket(stage.server, s.board.id, s.amira.device.cookie);
		const facilitatorClient = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		const amiraClient = await stage.yjs(s.board.id, s.amira.device.cookie);
		const brunoClient = await stage.yjs(s.board.id, s.bruno.device.cookie);

		try {
			expect(await facilitatorSocket.emit('board:lock', { locked: true })).toEqual({ ok: true });
			await waitFor(() => amiraSocket.states.at(-1)?.locked === true, 'the lock at Amira');

			const dropped = writeCard(amiraClient.doc, s.amira, 'challenge', 'Während der Sperre');
			// Amira's own round trip: the server has handled her update; then the others' round trips.
			await amiraClient.flush();
			await facilitatorClient.flush();
			await brunoClient.flush();
			expect(findCard(facilitatorClient.doc, dropped)).toBeUndefined();
			expect(findCard(brunoClient.doc, dropped)).toBeUndefined();
			const storedWhileLocked = readStoredBoard(stage.server.databaseFile, s.board.id);
			expect(findCard(storedWhileLocked, dropped)).toBeUndefined();
			storedWhileLocked.destroy();
			// Read-only, not thrown out: she still receives the board.
			expect(amiraClient.closeCodes).toEqual([]);

			const fromFacilitator = writeCard(facilitatorClient.doc, s.facilitatorAuthor, 'solution', 'Moderation');
			await waitFor(() => findCard(amiraClient.doc, fromFacilitator), 'the facilitator’s card at Amira');
			await waitFor(() => findCard(brunoClient.doc, fromFacilitator), 'the facilitator’s card at Bruno');

			const brunosAttempt = writeCard(brunoClient.doc, s.bruno, 'solution', 'Auch gesperrt');
			await brunoClient.flush();
			await facilitatorClient.flush();
			expect(findCard(facilitatorClient.doc, brunosAttempt)).toBeUndefined();

			expect(await facilitatorSocket.emit('board:lock', { locked: false })).toEqual({ ok: true });
			await waitFor(() => amiraSocket.states.at(-1)?.locked === false, 'the unlock at Amira');

			// (A stock client still holds what it typed while locked and sends it along when its
			// next change syncs; the server then accepts it like any card written after unlocking.)
			const afterUnlock = writeCard(amiraClient.doc, s.amira, 'challenge', 'Nach der Sperre');
			await waitFor(() => findCard(facilitatorClient.doc, afterUnlock), 'the card after unlocking');
			await waitFor(() => findCard(brunoClient.doc, afterUnlock), 'the card after unlocking at Bruno');
		} finally {
			facilitatorSocket.close();
			amiraSocket.close();
		}
	});

	it('stays locked for devices that connect after the board was loaded for an export', async () => {
		const s = await scene();
		const facilitatorSocket = await connectSocket(stage.server, s.board.id, s.facilitator.device.cookie);
		try {
			expect(await facilitatorSocket.emit('board:lock', { locked: true })).toEqual({ ok: true });
		} finally {
			facilitatorSocket.close();
		}
		// Nobody has the board open: the export loads it.
		const exported = await s.facilitator.device.get(`/api/v1/boards/${s.board.id}/export?format=json`);
		expect(exported.status).toBe(200);

		const amiraClient = await stage.yjs(s.board.id, s.amira.device.cookie);
		const facilitatorClient = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		const dropped = writeCard(amiraClient.doc, s.amira, 'challenge', 'Trotz Sperre');
		await amiraClient.flush();
		await facilitatorClient.flush();
		expect(findCard(facilitatorClient.doc, dropped)).toBeUndefined();
		const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
		expect(findCard(stored, dropped)).toBeUndefined();
		stored.destroy();
	});
});
