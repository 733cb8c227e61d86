import { describe, expect, it } from 'vitest';
import { createCluster, moveCardToCluster } from './clusters';
import { linkCards } from './links';
import { readBoard } from './read';
import { ensureRecommendationColumn, sourcesOfCluster } from './recommendations';
import { addTestCard, newTestBoard } from './testing';

describe('ensureRecommendationColumn', () => {
	it('adds one recommendation column at the end, and only once', () => {
		const { doc } = newTestBoard();
		const id = ensureRecommendationColumn(doc, 'Empfehlungen');
		expect(ensureRecommendationColumn(doc, 'Other title')).toBe(id);
		const columns = readBoard(doc).columns;
		expect(columns.map((column) => column.kind)).toEqual(['challenge', 'solution', 'recommendation']);
		expect(columns[2]).toEqual({ id, kind: 'recommendation', title: 'Empfehlungen' });
	});
});

describe('sourcesOfCluster', () => {
	it('names the cluster, its cards and the cards linked to them, each once', () => {
		const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
		createCluster(doc, {
			id: 'rooms',
			title: 'Räume',
			columnId: challengeColumnId,
			authorId: 'f',
			createdAt: 1
		});
		const a = addTestCard(doc, { columnId: challengeColumnId });
		const b = addTestCard(doc, { columnId: challengeColumnId });
		const outside = addTestCard(doc, { columnId: challengeColumnId });
		const idea = addTestCard(doc, { columnId: solutionColumnId });
		moveCardToCluster(doc, a, 'rooms');
		moveCardToCluster(doc, b, 'rooms');
		linkCards(doc, { solutionId: idea, challengeId: a, authorId: 'p', createdAt: 1 });
		linkCards(doc, { solutionId: idea, challengeId: b, authorId: 'p', createdAt: 2 });
		expect(sourcesOfCluster(readBoard(doc), 'rooms')).toEqual(['rooms', a, b, idea]);
		expect(sourcesOfCluster(readBoard(doc), 'rooms')).not.toContain(outside);
	});
});
