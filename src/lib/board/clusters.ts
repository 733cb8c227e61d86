/**
 * Clusters (themes): named groups of cards within a column. A card names its
 * cluster in `clusterId`; the cluster itself lives in the `clusters` root.
 */
import * as Y from 'yjs';
import type { BoardRole } from './permissions';
import { participantRules, type Phase } from './phases';
import { cardsOf, clustersOf, LIMITS } from './schema';

export interface NewCluster {
	id: string;
	title: string;
	columnId: string | null;
	authorId: string;
	createdAt: number;
}

/** Adds a cluster; its title is cut at the title limit and may be empty until someone names it. */
export function createCluster(doc: Y.Doc, cluster: NewCluster): void {
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', cluster.id);
		map.set('title', cluster.title.trim().slice(0, LIMITS.title));
		map.set('columnId', cluster.columnId);
		map.set('authorId', cluster.authorId);
		map.set('createdAt', cluster.createdAt);
		clustersOf(doc).set(cluster.id, map);
	});
}

/** Renames a cluster; false, changing nothing, when it does not exist. */
export function renameCluster(doc: Y.Doc, clusterId: string, title: string): boolean {
	const cluster = clustersOf(doc).get(clusterId);
	if (!cluster) return false;
	const next = title.trim().slice(0, LIMITS.title);
	if (cluster.get('title') !== next) cluster.set('title', next);
	return true;
}

/** Removes a cluster; its cards stay where they are, unclustered. */
export function dissolveCluster(doc: Y.Doc, clusterId: string): void {
	doc.transact(() => {
		for (const card of cardsOf(doc).values()) {
			if (card.get('clusterId') === clusterId) card.set('clusterId', null);
		}
		clustersOf(doc).delete(clusterId);
	});
}

/**
 * Puts a card into a cluster (or back out with null). False, changing nothing,
 * when the card or the cluster does not exist.
 */
export function moveCardToCluster(doc: Y.Doc, cardId: string, clusterId: string | null): boolean {
	const card = cardsOf(doc).get(cardId);
	if (!card) return false;
	if (clusterId !== null && !clustersOf(doc).has(clusterId)) return false;
	if ((card.get('clusterId') ?? null) !== clusterId) card.set('clusterId', clusterId);
	return true;
}

/** Facilitators sort cards into clusters at any time; participants while the phase is for clustering. */
export function canCluster(role: BoardRole, phase: Phase): boolean {
	return role === 'facilitator' || (role === 'participant' && participantRules(phase).cluster);
}
