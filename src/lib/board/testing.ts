/** Fixtures for the board model's tests (and the server's): a fresh board and cards with defaults. */
import * as Y from 'yjs';
import { addCard, type NewCard } from './cards';
import { readBoard } from './read';
import { initBoard } from './template';

export interface TestBoard {
	doc: Y.Doc;
	challengeColumnId: string;
	solutionColumnId: string;
}

export function newTestBoard(doc = new Y.Doc()): TestBoard {
	initBoard(doc, 'challenges-solutions', { challenge: 'Challenges', solution: 'Solutions' });
	const [challenge, solution] = readBoard(doc).columns;
	return { doc, challengeColumnId: challenge.id, solutionColumnId: solution.id };
}

let sequence = 0;

/** A card with readable defaults; `createdAt` increases so that reading order is the order of creation. */
export function testCard(overrides: Partial<NewCard> & Pick<NewCard, 'columnId'>): NewCard {
	sequence++;
	return {
		id: `card-${sequence}`,
		text: `Card ${sequence}`,
		authorId: 'author-1',
		authorName: 'Ayşe',
		createdAt: 1_700_000_000_000 + sequence,
		clusterId: null,
		sources: [],
		lang: null,
		translations: {},
		...overrides
	};
}

export function addTestCard(doc: Y.Doc, overrides: Partial<NewCard> & Pick<NewCard, 'columnId'>): string {
	const card = testCard(overrides);
	addCard(doc, card);
	return card.id;
}
