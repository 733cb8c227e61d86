/**
 * What stays once a meeting's retention date has passed: the words, not who
 * wrote them. Names go from the outcome documents, their Yjs states and the live
 * board alike; participant ids stay, as they name nobody without the deleted records.
 */
import type * as Y from 'yjs';
import { cardsOf } from '../board/schema';
import type { OutcomeDocument } from './format';

export function anonymiseOutcome(document: OutcomeDocument, at: number): OutcomeDocument {
	return {
		...document,
		anonymisedAt: document.anonymisedAt ?? new Date(at).toISOString(),
		cards: document.cards.map((card) => ({ ...card, authorName: null }))
	};
}

/**
 * Sets every card's `authorName` to null in one transaction. Yjs drops the
 * overwritten values when the document is encoded again, so a snapshot taken
 * afterwards no longer holds them. Answers whether anything changed.
 */
export function removeAuthorNames(doc: Y.Doc): boolean {
	let changed = false;
	doc.transact(() => {
		for (const card of cardsOf(doc).values()) {
			if (card.get('authorName') !== null && card.get('authorName') !== undefined) {
				card.set('authorName', null);
				changed = true;
			}
		}
	});
	return changed;
}
