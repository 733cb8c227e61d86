/**
 * Recommendations: cards in a `recommendation` column that name where they come
 * from (`sources`: the challenges, solutions and clusters they were drawn from).
 */
import * as Y from 'yjs';
import { newId } from './ids';
import { readColumn } from './read';
import { columnsOf, LIMITS, type BoardContent } from './schema';

/** The board's recommendation column, added at the end if it has none yet; returns its id. */
export function ensureRecommendationColumn(doc: Y.Doc, title: string): string {
	const existing = columnsOf(doc)
		.toArray()
		.map(readColumn)
		.find((column) => column.kind === 'recommendation');
	if (existing) return existing.id;
	const id = newId();
	doc.transact(() => {
		const column = new Y.Map<unknown>();
		column.set('id', id);
		column.set('kind', 'recommendation');
		column.set('title', title.trim().slice(0, LIMITS.title));
		columnsOf(doc).push([column]);
	});
	return id;
}

/**
 * What a recommendation drawn from a cluster refers to: the cluster itself,
 * its cards, and the cards linked to them (the solutions for its challenges,
 * or the challenges its solutions answer).
 */
export function sourcesOfCluster(content: BoardContent, clusterId: string): string[] {
	const cardIds = content.cards.filter((card) => card.clusterId === clusterId).map((card) => card.id);
	const members = new Set(cardIds);
	const linked: string[] = [];
	for (const link of content.links) {
		if (members.has(link.challengeId)) linked.push(link.solutionId);
		if (members.has(link.solutionId)) linked.push(link.challengeId);
	}
	return [...new Set([clusterId, ...cardIds, ...linked])];
}
