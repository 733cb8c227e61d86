import { describe, expect, it } from 'vitest';
import { createCluster } from './clusters';
import { indexContent } from './content-index';
import { linkCards } from './links';
import { readBoard } from './read';
import { linkId } from './schema';
import { addTestCard, newTestBoard } from './testing';

describe('indexContent', () => {
	it('finds cards and clusters by id, and each card’s links from either end', () => {
		const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
		const challenge = addTestCard(doc, { columnId: challengeColumnId });
		const other = addTestCard(doc, { columnId: challengeColumnId });
		const solution = addTestCard(doc, { columnId: solutionColumnId });
		const alone = addTestCard(doc, { columnId: solutionColumnId });
		linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: 'p', createdAt: 1 });
		linkCards(doc, { solutionId: solution, challengeId: other, authorId: 'p', createdAt: 2 });
		createCluster(doc, {
			id: 'theme',
			title: 'Räume',
			columnId: challengeColumnId,
			authorId: 'f',
			createdAt: 3
		});

		const index = indexContent(readBoard(doc));

		expect(index.cardsById.get(challenge)?.id).toBe(challenge);
		expect(index.cardsById.has('gone')).toBe(false);
		expect(index.clustersById.get('theme')?.title).toBe('Räume');
		const ids = (cardId: string) => index.linksByCard.get(cardId)?.map((link) => link.id);
		expect(ids(solution)).toEqual([linkId(solution, challenge), linkId(solution, other)]);
		expect(ids(challenge)).toEqual([linkId(solution, challenge)]);
		expect(ids(other)).toEqual([linkId(solution, other)]);
		expect(index.linksByCard.has(alone)).toBe(false);
	});
});
