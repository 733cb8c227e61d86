import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, cardText } from '$lib/board/cards';
import { readBoard } from '$lib/board/read';
import { cardsOf } from '$lib/board/schema';
import { addTestCard, newTestBoard } from '$lib/board/testing';
import { findUnsent } from './unsent';
import {
	cardsAtRisk,
	keepRefusedCards,
	missingFromServer,
	readKeptCards,
	writeKeptCards,
	type KeptCard
} from './refused-work';

const ME = 'participant-me';
const OTHER = 'participant-other';

/** A server document and a device that synced with it, then went offline. */
function offlineDevice() {
	const server = newTestBoard();
	const device = new Y.Doc();
	Y.applyUpdate(device, Y.encodeStateAsUpdate(server.doc));
	const serverState = Y.decodeStateVector(Y.encodeStateVector(server.doc));
	return { server, device, serverState };
}

/** What the device would keep when the server refuses its changes now. */
function atRisk(device: Y.Doc, serverState: Map<number, number>): KeptCard[] {
	const unsent = findUnsent(device, serverState, cardsOf(device)).cardIds;
	return cardsAtRisk(readBoard(device).cards, unsent, ME);
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
	items: Map<string, string>;
} {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, value),
		removeItem: (key) => void items.delete(key)
	};
}

describe('cardsAtRisk', () => {
	it('keeps the own cards written offline with their text, column and time', () => {
		const { server, device, serverState } = offlineDevice();
		const id = addTestCard(device, {
			columnId: server.challengeColumnId,
			authorId: ME,
			text: 'Mehr Steckdosen im Saal',
			createdAt: 1_700_000_123_000
		});

		expect(atRisk(device, serverState)).toEqual([
			{
				id,
				columnId: server.challengeColumnId,
				text: 'Mehr Steckdosen im Saal',
				createdAt: 1_700_000_123_000
			}
		]);
	});

	it('keeps an own card the server holds when text typed offline is not there yet', () => {
		const { server, device } = offlineDevice();
		const id = addTestCard(device, { columnId: server.challengeColumnId, authorId: ME, text: '' });
		Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(device));
		const serverState = Y.decodeStateVector(Y.encodeStateVector(server.doc));
		applyTextChange(cardText(device, id)!, 'Getippt im Funkloch');

		expect(atRisk(device, serverState).map((card) => card.text)).toEqual(['Getippt im Funkloch']);
	});

	it("leaves out what the server holds, others' cards and empty cards", () => {
		const { server, device } = offlineDevice();
		addTestCard(device, { columnId: server.challengeColumnId, authorId: ME, text: 'Schon angekommen' });
		Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(device));
		const serverState = Y.decodeStateVector(Y.encodeStateVector(server.doc));
		// Someone else's card the device relays (it came from another device while connected).
		addTestCard(device, { columnId: server.challengeColumnId, authorId: OTHER, text: 'Nicht meine' });
		addTestCard(device, { columnId: server.challengeColumnId, authorId: ME, text: '   ' });

		expect(atRisk(device, serverState)).toEqual([]);
	});
});

describe('missingFromServer', () => {
	it('reports kept cards the server lacks or holds with other text, not those it holds as written', () => {
		const { server, device, serverState } = offlineDevice();
		const lost = addTestCard(device, { columnId: server.challengeColumnId, authorId: ME, text: 'Verloren?' });
		const arrived = addTestCard(device, {
			columnId: server.solutionColumnId,
			authorId: ME,
			text: 'Angekommen'
		});
		const half = addTestCard(device, { columnId: server.solutionColumnId, authorId: ME, text: 'Halb' });
		const kept = atRisk(device, serverState);
		expect(kept.map((card) => card.id)).toEqual([lost, arrived, half]);

		// The server holds the second card as written and the third with other (older) text.
		const serverDoc = new Y.Doc();
		Y.applyUpdate(serverDoc, Y.encodeStateAsUpdate(device));
		cardsOf(serverDoc).delete(lost);
		applyTextChange(cardText(serverDoc, half)!, '');

		expect(missingFromServer(kept, readBoard(serverDoc).cards).map((card) => card.id)).toEqual([lost, half]);
	});

	it('reports nothing when nothing was kept', () => {
		expect(missingFromServer([], readBoard(newTestBoard().doc).cards)).toEqual([]);
	});
});

describe('kept cards in local storage', () => {
	const card = (id: string, text: string): KeptCard => ({ id, columnId: 'column-1', text, createdAt: 1 });

	it('adds to cards kept earlier, the latest text of a card winning, per board and person', () => {
		const storage = memoryStorage();
		keepRefusedCards('board-1', ME, [card('a', 'Erste'), card('b', 'Zweite')], storage);
		keepRefusedCards('board-1', ME, [card('b', 'Zweite, länger'), card('c', 'Dritte')], storage);

		expect(readKeptCards('board-1', ME, storage)).toEqual([
			card('a', 'Erste'),
			card('b', 'Zweite, länger'),
			card('c', 'Dritte')
		]);
		expect(readKeptCards('board-2', ME, storage)).toEqual([]);
		expect(readKeptCards('board-1', OTHER, storage)).toEqual([]);
	});

	it('removes the entry when nothing is left to show', () => {
		const storage = memoryStorage();
		keepRefusedCards('board-1', ME, [card('a', 'Erste')], storage);
		writeKeptCards('board-1', ME, [], storage);
		expect(storage.items.size).toBe(0);
	});

	it('ignores what it cannot read back', () => {
		const storage = memoryStorage();
		storage.setItem('wedo-board:refused:board-1:' + ME, '{not json');
		expect(readKeptCards('board-1', ME, storage)).toEqual([]);
		storage.setItem('wedo-board:refused:board-1:' + ME, JSON.stringify([card('a', 'Gut'), { id: 1 }, null]));
		expect(readKeptCards('board-1', ME, storage)).toEqual([card('a', 'Gut')]);
	});
});
