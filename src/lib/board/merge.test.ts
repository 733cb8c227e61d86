import { describe, expect, it } from 'vitest';
import { addCard } from './cards';
import { linkCards } from './links';
import { mergeCards, mergedText } from './merge';
import { readBoard } from './read';
import { linkId } from './schema';
import { addTestCard, newTestBoard, testCard } from './testing';

function board() {
	const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
	const keep = addTestCard(doc, { columnId: challengeColumnId, text: 'Zu wenig Räume' });
	const duplicate = addTestCard(doc, { columnId: challengeColumnId, text: 'zu  wenig räume' });
	const other = addTestCard(doc, { columnId: challengeColumnId, text: 'Räume sind zu teuer' });
	const idea = addTestCard(doc, { columnId: solutionColumnId, text: 'Schulen abends öffnen' });
	const idea2 = addTestCard(doc, { columnId: solutionColumnId, text: 'Gemeindehaus fragen' });
	return { doc, challengeColumnId, solutionColumnId, keep, duplicate, other, idea, idea2 };
}

describe('mergedText', () => {
	it('appends each distinct text once, separated by a blank line', () => {
		expect(mergedText('A', ['a ', 'B', 'b', 'C'])).toBe('A\n\nB\n\nC');
	});

	it('treats texts that differ only in accents or spacing as the same', () => {
		expect(mergedText('Förderung', ['Forderung', 'förderung  '])).toBe('Förderung');
	});

	it('cuts at the limit without splitting an emoji', () => {
		const text = mergedText('ab', ['🙂🙂'], 5);
		expect(text).toBe('ab\n\n');
		expect(mergedText('ab', ['🙂🙂'], 6)).toBe('ab\n\n🙂');
	});
});

describe('mergeCards', () => {
	it('keeps one card with the distinct texts and deletes the others', () => {
		const { doc, keep, duplicate, other } = board();
		expect(mergeCards(doc, { keepId: keep, mergeIds: [duplicate, other] })).toEqual({ ok: true });
		const cards = readBoard(doc).cards;
		expect(cards.find((card) => card.id === keep)?.text).toBe('Zu wenig Räume\n\nRäume sind zu teuer');
		expect(cards.map((card) => card.id)).not.toContain(duplicate);
		expect(cards.map((card) => card.id)).not.toContain(other);
	});

	it('moves the links of merged cards to the kept card, without duplicates', () => {
		const { doc, keep, duplicate, idea, idea2 } = board();
		linkCards(doc, { solutionId: idea, challengeId: keep, authorId: 'a', createdAt: 1 });
		linkCards(doc, { solutionId: idea, challengeId: duplicate, authorId: 'b', createdAt: 2 });
		linkCards(doc, { solutionId: idea2, challengeId: duplicate, authorId: 'c', createdAt: 3 });
		mergeCards(doc, { keepId: keep, mergeIds: [duplicate] });
		const links = readBoard(doc).links;
		expect(links.map((link) => [link.id, link.authorId])).toEqual([
			[linkId(idea, keep), 'a'],
			[linkId(idea2, keep), 'c']
		]);
	});

	it('moves links on the solution side too', () => {
		const { doc, keep, idea, idea2 } = board();
		linkCards(doc, { solutionId: idea2, challengeId: keep, authorId: 'a', createdAt: 1 });
		mergeCards(doc, { keepId: idea, mergeIds: [idea2] });
		expect(readBoard(doc).links.map((link) => link.id)).toEqual([linkId(idea, keep)]);
	});

	it('points recommendations that came from a merged card at the kept card', () => {
		const { doc, keep, duplicate, solutionColumnId } = board();
		const recommendation = testCard({ columnId: solutionColumnId, sources: [duplicate, keep, 'cluster-x'] });
		addCard(doc, recommendation);
		mergeCards(doc, { keepId: keep, mergeIds: [duplicate] });
		const card = readBoard(doc).cards.find((c) => c.id === recommendation.id);
		expect(card?.sources).toEqual([keep, 'cluster-x']);
	});

	it('refuses unknown cards, cards of another kind and an empty or self merge, changing nothing', () => {
		const { doc, keep, duplicate, idea } = board();
		const before = JSON.stringify(readBoard(doc));
		expect(mergeCards(doc, { keepId: keep, mergeIds: ['missing'] })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(mergeCards(doc, { keepId: 'missing', mergeIds: [duplicate] })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(mergeCards(doc, { keepId: keep, mergeIds: [idea] })).toEqual({
			ok: false,
			reason: 'different_kind'
		});
		expect(mergeCards(doc, { keepId: keep, mergeIds: [] })).toEqual({ ok: false, reason: 'invalid' });
		expect(mergeCards(doc, { keepId: keep, mergeIds: [keep] })).toEqual({ ok: false, reason: 'invalid' });
		expect(JSON.stringify(readBoard(doc))).toBe(before);
	});
});
