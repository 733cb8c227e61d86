import type { BoardContent, Card, Cluster, Link } from './schema';

/** Lookups by id over one reading of the board, for views that would otherwise search the lists per card. */
export interface ContentIndex {
	cardsById: ReadonlyMap<string, Card>;
	clustersById: ReadonlyMap<string, Cluster>;
	/** A card's links, whether it is the solution or the challenge, in the content's order. */
	linksByCard: ReadonlyMap<string, readonly Link[]>;
}

/**
 * Builds the lookups in one pass over the content. A view builds it once per
 * change of the board: every card asking `cards.find` or filtering all links
 * costs the square of the board's size (a million steps on 1,000 cards).
 */
export function indexContent(content: BoardContent): ContentIndex {
	const cardsById = new Map(content.cards.map((card) => [card.id, card]));
	const clustersById = new Map(content.clusters.map((cluster) => [cluster.id, cluster]));
	const linksByCard = new Map<string, Link[]>();
	for (const link of content.links) {
		for (const cardId of [link.solutionId, link.challengeId]) {
			const links = linksByCard.get(cardId);
			if (links) links.push(link);
			else linksByCard.set(cardId, [link]);
		}
	}
	return { cardsById, clustersById, linksByCard };
}
