import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, applyTextChange, cardText, deleteCard } from './cards';
import { linkCards } from './links';
import { readBoard } from './read';
import { cardsOf, LIMITS, linksOf } from './schema';
import { addTestCard, newTestBoard } from './testing';

/** Two documents that start from the same state, as two devices on one board do. */
function twoDevices(text: string): { a: Y.Doc; b: Y.Doc; cardId: string } {
	const { doc: a, challengeColumnId } = newTestBoard();
	const cardId = addTestCard(a, { columnId: challengeColumnId, text });
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	return { a, b, cardId };
}

function sync(from: Y.Doc, to: Y.Doc): void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** The delta a change produces, to see how much of the text it touched. */
function deltaOf(text: Y.Text, change: () => void): unknown[] {
	let delta: unknown[] = [];
	const observer = (event: Y.YTextEvent) => (delta = event.delta);
	text.observe(observer);
	change();
	text.unobserve(observer);
	return delta;
}

describe('addCard', () => {
	it('round-trips through readBoard, also after syncing to another document', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const card = {
			id: 'c1',
			columnId: challengeColumnId,
			text: 'Bürokratische Hürden kosten Ehrenamtliche viel Zeit.',
			authorId: 'p1',
			authorName: null,
			createdAt: 1_726_000_000_000,
			clusterId: null,
			sources: [],
			lang: 'de',
			translations: { ar: 'العقبات البيروقراطية تأخذ من المتطوعين وقتًا طويلًا.' }
		};
		addCard(doc, card);
		expect(readBoard(doc).cards).toEqual([card]);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		expect(readBoard(copy).cards).toEqual([card]);
	});

	it('stores the text as a Y.Text so that edits merge', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const id = addTestCard(doc, { columnId: challengeColumnId });
		expect(cardsOf(doc).get(id)!.get('text')).toBeInstanceOf(Y.Text);
		expect(cardText(doc, id)).toBeInstanceOf(Y.Text);
		expect(cardText(doc, 'missing')).toBeUndefined();
	});

	it('truncates text to the card text limit', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const id = addTestCard(doc, { columnId: challengeColumnId, text: 'x'.repeat(LIMITS.cardText + 50) });
		expect(cardText(doc, id)!.length).toBe(LIMITS.cardText);
	});
});

describe('applyTextChange', () => {
	it('changes only what lies between the common prefix and suffix', () => {
		const { a: doc, cardId } = twoDevices('Mehr Transparenz');
		const text = cardText(doc, cardId)!;
		const delta = deltaOf(text, () => applyTextChange(text, 'Mehr Transparenz bei Förderung'));
		expect(delta).toEqual([{ retain: 16 }, { insert: ' bei Förderung' }]);
		const replaced = deltaOf(text, () => applyTextChange(text, 'Mehr Klarheit bei Förderung'));
		expect(replaced).toEqual([{ retain: 5 }, { delete: 11 }, { insert: 'Klarheit' }]);
		expect(text.toString()).toBe('Mehr Klarheit bei Förderung');
	});

	it('changes nothing when the text is unchanged', () => {
		const { a: doc, cardId } = twoDevices('Gleich');
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		applyTextChange(cardText(doc, cardId)!, 'Gleich');
		expect(updates).toEqual([]);
	});

	it('merges concurrent edits from two devices', () => {
		const { a, b, cardId } = twoDevices('Mehr Transparenz');
		applyTextChange(cardText(a, cardId)!, 'Viel mehr Transparenz');
		applyTextChange(cardText(b, cardId)!, 'Mehr Transparenz in Förderverfahren');
		sync(a, b);
		sync(b, a);
		expect(cardText(a, cardId)!.toString()).toBe('Viel mehr Transparenz in Förderverfahren');
		expect(cardText(b, cardId)!.toString()).toBe(cardText(a, cardId)!.toString());
	});

	it.each([
		['one emoji swapped for another with the same high surrogate', 'Idee 😀!', 'Idee 😃!'],
		['emojis with the same low surrogate', 'a\u{1F600}b', 'a\u{1F200}b'],
		['an emoji inserted before a similar one', '😀', '😃😀'],
		['an emoji removed after a similar one', 'x😃😀y', 'x😀y'],
		['a family emoji (joined by zero-width joiners) changed', 'Familie 👨‍👩‍👧', 'Familie 👨‍👩‍👦']
	])('never splits a surrogate pair: %s', (_name, before, after) => {
		const { a, b, cardId } = twoDevices(before);
		const text = cardText(a, cardId)!;
		const delta = deltaOf(text, () => applyTextChange(text, after)) as Array<{ insert?: string }>;
		for (const step of delta) {
			if (step.insert !== undefined) expect(step.insert.isWellFormed()).toBe(true);
		}
		expect(text.toString()).toBe(after);
		sync(a, b);
		expect(cardText(b, cardId)!.toString()).toBe(after);
	});
});

describe('deleteCard', () => {
	it('removes the card and every link that touches it, leaving other links', () => {
		const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
		const challenge = addTestCard(doc, { columnId: challengeColumnId });
		const otherChallenge = addTestCard(doc, { columnId: challengeColumnId });
		const solution = addTestCard(doc, { columnId: solutionColumnId });
		const otherSolution = addTestCard(doc, { columnId: solutionColumnId });
		for (const [solutionId, challengeId] of [
			[solution, challenge],
			[solution, otherChallenge],
			[otherSolution, otherChallenge]
		]) {
			linkCards(doc, { solutionId, challengeId, authorId: 'author-1', createdAt: 1 });
		}
		deleteCard(doc, solution);
		expect(cardsOf(doc).has(solution)).toBe(false);
		expect([...linksOf(doc).values()].map((link) => link.get('solutionId'))).toEqual([otherSolution]);
		expect(readBoard(doc).cards.map((card) => card.id)).toEqual([challenge, otherChallenge, otherSolution]);
	});
});
