import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteCard } from './cards';
import { linkCards } from './links';
import { columnKindOfCard, linkedCardIds, readBoard } from './read';
import { cardsOf, columnsOf, linkId } from './schema';
import { openTranslation } from './translations';
import { addTestCard, newTestBoard } from './testing';

describe('readBoard', () => {
	it('sorts cards by creation time, then id, and links by creation time', () => {
		const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
		const late = addTestCard(doc, { id: 'a-late', columnId: challengeColumnId, createdAt: 300 });
		const tieB = addTestCard(doc, { id: 'tie-b', columnId: solutionColumnId, createdAt: 100 });
		const tieA = addTestCard(doc, { id: 'tie-a', columnId: solutionColumnId, createdAt: 100 });
		const early = addTestCard(doc, { id: 'z-early', columnId: challengeColumnId, createdAt: 50 });
		linkCards(doc, { solutionId: tieB, challengeId: late, authorId: 'p', createdAt: 20 });
		linkCards(doc, { solutionId: tieA, challengeId: early, authorId: 'p', createdAt: 10 });
		const content = readBoard(doc);
		expect(content.cards.map((card) => card.id)).toEqual([early, tieA, tieB, late]);
		expect(content.links.map((link) => link.id)).toEqual([linkId(tieA, early), linkId(tieB, late)]);
	});

	it('reads the same whatever order a copy of the document received the changes in', () => {
		const { doc: origin, challengeColumnId, solutionColumnId } = newTestBoard();
		const challenge = addTestCard(origin, { columnId: challengeColumnId, createdAt: 1 });
		const first = addTestCard(origin, { columnId: solutionColumnId, createdAt: 2 });
		const second = addTestCard(origin, { columnId: solutionColumnId, createdAt: 3 });
		const devices = [new Y.Doc(), new Y.Doc()];
		for (const device of devices) Y.applyUpdate(device, Y.encodeStateAsUpdate(origin));
		// Two devices link and translate at the same millisecond; the server receives them one way round.
		linkCards(devices[0], { solutionId: second, challengeId: challenge, authorId: 'p', createdAt: 9 });
		linkCards(devices[1], { solutionId: first, challengeId: challenge, authorId: 'p', createdAt: 9 });
		openTranslation(devices[0], challenge, 'uk')!.insert(0, 'Бракує приміщень');
		openTranslation(devices[1], challenge, 'ar')!.insert(0, 'لا توجد غرف كافية');
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(origin));
		for (const device of devices) Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
		expect(JSON.stringify(readBoard(server))).toBe(JSON.stringify(readBoard(fresh)));
		expect(Object.keys(readBoard(server).cards[0].translations)).toEqual(['ar', 'uk']);
	});

	it('hides a link whose card was deleted concurrently on another device', () => {
		const { doc: a, challengeColumnId, solutionColumnId } = newTestBoard();
		const challenge = addTestCard(a, { columnId: challengeColumnId });
		const solution = addTestCard(a, { columnId: solutionColumnId });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		// Device A links while device B, not yet knowing of the link, deletes the challenge.
		linkCards(a, { solutionId: solution, challengeId: challenge, authorId: 'p', createdAt: 1 });
		deleteCard(b, challenge);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		const content = readBoard(a);
		expect(content.cards.map((card) => card.id)).toEqual([solution]);
		expect(content.links).toEqual([]);
	});

	it('skips cards without the required fields and fills in defaults for the optional ones', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const broken = new Y.Map<unknown>();
		broken.set('id', 'broken');
		cardsOf(doc).set('broken', broken);
		const sparse = new Y.Map<unknown>();
		sparse.set('id', 'sparse');
		sparse.set('columnId', challengeColumnId);
		sparse.set('authorId', 'p');
		cardsOf(doc).set('sparse', sparse);
		expect(readBoard(doc).cards).toEqual([
			{
				id: 'sparse',
				columnId: challengeColumnId,
				text: '',
				authorId: 'p',
				authorName: null,
				createdAt: 0,
				clusterId: null,
				sources: [],
				lang: null,
				translations: {}
			}
		]);
	});

	it('reads an unknown column kind as a note', () => {
		const doc = new Y.Doc();
		const column = new Y.Map<unknown>();
		column.set('id', 'col');
		column.set('title', 'Parkplatz');
		column.set('kind', 'parking-lot');
		columnsOf(doc).push([column]);
		expect(readBoard(doc).columns).toEqual([{ id: 'col', title: 'Parkplatz', kind: 'note' }]);
	});
});

describe('columnKindOfCard', () => {
	it("gives the kind of the card's column, undefined for an unknown card", () => {
		const { doc, solutionColumnId } = newTestBoard();
		const solution = addTestCard(doc, { columnId: solutionColumnId });
		expect(columnKindOfCard(doc, solution)).toBe('solution');
		expect(columnKindOfCard(doc, 'missing')).toBeUndefined();
	});
});

describe('linkedCardIds', () => {
	it('reads links both ways', () => {
		const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
		const challenge = addTestCard(doc, { columnId: challengeColumnId });
		const otherChallenge = addTestCard(doc, { columnId: challengeColumnId });
		const solution = addTestCard(doc, { columnId: solutionColumnId });
		const otherSolution = addTestCard(doc, { columnId: solutionColumnId });
		linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: 'p', createdAt: 1 });
		linkCards(doc, { solutionId: solution, challengeId: otherChallenge, authorId: 'p', createdAt: 2 });
		linkCards(doc, { solutionId: otherSolution, challengeId: challenge, authorId: 'p', createdAt: 3 });
		const content = readBoard(doc);
		expect(linkedCardIds(content, solution)).toEqual([challenge, otherChallenge]);
		expect(linkedCardIds(content, challenge)).toEqual([solution, otherSolution]);
		expect(linkedCardIds(content, 'missing')).toEqual([]);
	});
});
