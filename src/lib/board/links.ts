import * as Y from 'yjs';
import { cardsOf, linkId, linksOf } from './schema';
import { columnKindOfCard } from './read';

export interface NewLink {
	solutionId: string;
	challengeId: string;
	authorId: string;
	createdAt: number;
}

/**
 * Links a solution card to a challenge card. Returns false, changing nothing,
 * when either card is missing or the kinds are not solution → challenge.
 */
export function linkCards(doc: Y.Doc, link: NewLink): boolean {
	const cards = cardsOf(doc);
	if (!cards.has(link.solutionId) || !cards.has(link.challengeId)) return false;
	if (columnKindOfCard(doc, link.solutionId) !== 'solution') return false;
	if (columnKindOfCard(doc, link.challengeId) !== 'challenge') return false;
	const id = linkId(link.solutionId, link.challengeId);
	const links = linksOf(doc);
	if (links.has(id)) return true;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('solutionId', link.solutionId);
		map.set('challengeId', link.challengeId);
		map.set('authorId', link.authorId);
		map.set('createdAt', link.createdAt);
		links.set(id, map);
	});
	return true;
}

export function unlinkCards(doc: Y.Doc, id: string): void {
	linksOf(doc).delete(id);
}
