import { describe, expect, it } from 'vitest';
import { linkCards, unlinkCards } from './links';
import { readBoard } from './read';
import { linkId, linksOf } from './schema';
import { addTestCard, newTestBoard } from './testing';

function boardWithPair() {
	const board = newTestBoard();
	const challenge = addTestCard(board.doc, { columnId: board.challengeColumnId });
	const solution = addTestCard(board.doc, { columnId: board.solutionColumnId });
	return { ...board, challenge, solution };
}

describe('linkCards', () => {
	it('links a solution to a challenge under an id derived from both', () => {
		const { doc, challenge, solution } = boardWithPair();
		expect(
			linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: 'p1', createdAt: 5 })
		).toBe(true);
		expect(readBoard(doc).links).toEqual([
			{
				id: linkId(solution, challenge),
				solutionId: solution,
				challengeId: challenge,
				authorId: 'p1',
				createdAt: 5
			}
		]);
	});

	it('refuses any other direction or kind', () => {
		const { doc, challengeColumnId, solutionColumnId, challenge, solution } = boardWithPair();
		const otherChallenge = addTestCard(doc, { columnId: challengeColumnId });
		const otherSolution = addTestCard(doc, { columnId: solutionColumnId });
		const attempts = [
			{ solutionId: challenge, challengeId: solution },
			{ solutionId: challenge, challengeId: otherChallenge },
			{ solutionId: solution, challengeId: otherSolution }
		];
		for (const attempt of attempts) {
			expect(linkCards(doc, { ...attempt, authorId: 'p1', createdAt: 1 })).toBe(false);
		}
		expect(linksOf(doc).size).toBe(0);
	});

	it('refuses a missing card', () => {
		const { doc, challenge, solution } = boardWithPair();
		expect(linkCards(doc, { solutionId: 'gone', challengeId: challenge, authorId: 'p1', createdAt: 1 })).toBe(
			false
		);
		expect(linkCards(doc, { solutionId: solution, challengeId: 'gone', authorId: 'p1', createdAt: 1 })).toBe(
			false
		);
		expect(linksOf(doc).size).toBe(0);
	});

	it('is idempotent: linking the same pair again keeps the first link unchanged', () => {
		const { doc, challenge, solution } = boardWithPair();
		linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: 'p1', createdAt: 1 });
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		expect(
			linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: 'p2', createdAt: 2 })
		).toBe(true);
		expect(updates).toEqual([]);
		expect(readBoard(doc).links).toHaveLength(1);
		expect(readBoard(doc).links[0].authorId).toBe('p1');
	});
});

describe('unlinkCards', () => {
	it('removes the link', () => {
		const { doc, challenge, solution } = boardWithPair();
		linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: 'p1', createdAt: 1 });
		unlinkCards(doc, linkId(solution, challenge));
		expect(readBoard(doc).links).toEqual([]);
	});
});
