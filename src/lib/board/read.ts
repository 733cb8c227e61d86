import * as Y from 'yjs';
import {
	cardsOf,
	clustersOf,
	columnsOf,
	COLUMN_KINDS,
	linksOf,
	type BoardContent,
	type Card,
	type Cluster,
	type Column,
	type ColumnKind,
	type Link
} from './schema';
import { isLanguageTag, readTranslations } from './translations';

/**
 * A plain, immutable copy of the board for views, exports and tests. Its order does
 * not depend on the order in which a replica received the changes (maps iterate in
 * that order), so the server's live document and a browser's copy read the same.
 */
export function readBoard(doc: Y.Doc): BoardContent {
	const columns = columnsOf(doc).toArray().map(readColumn);
	const clusters: Cluster[] = [];
	for (const map of clustersOf(doc).values()) {
		const cluster = readCluster(map);
		if (cluster) clusters.push(cluster);
	}
	clusters.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	const clusterIds = new Set(clusters.map((cluster) => cluster.id));
	const cards: Card[] = [];
	for (const map of cardsOf(doc).values()) {
		const card = readCard(map);
		// A card grouped into a cluster that was dissolved concurrently stands alone again.
		if (card?.clusterId && !clusterIds.has(card.clusterId)) card.clusterId = null;
		if (card) cards.push(card);
	}
	cards.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	const cardIds = new Set(cards.map((card) => card.id));
	const links: Link[] = [];
	for (const map of linksOf(doc).values()) {
		const link = readLink(map);
		// A link whose card was deleted concurrently is not shown.
		if (link && cardIds.has(link.solutionId) && cardIds.has(link.challengeId)) links.push(link);
	}
	links.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	return { columns, cards, links, clusters };
}

export function readColumn(map: Y.Map<unknown>): Column {
	const kind = map.get('kind');
	return {
		id: String(map.get('id') ?? ''),
		title: String(map.get('title') ?? ''),
		kind: COLUMN_KINDS.includes(kind as ColumnKind) ? (kind as ColumnKind) : 'note'
	};
}

export function readCard(map: Y.Map<unknown>): Card | null {
	const id = map.get('id');
	const columnId = map.get('columnId');
	const authorId = map.get('authorId');
	if (typeof id !== 'string' || typeof columnId !== 'string' || typeof authorId !== 'string') {
		return null;
	}
	const text = map.get('text');
	const authorName = map.get('authorName');
	const createdAt = map.get('createdAt');
	const clusterId = map.get('clusterId');
	const sources = map.get('sources');
	const lang = map.get('lang');
	return {
		id,
		columnId,
		text: text instanceof Y.Text ? text.toString() : '',
		authorId,
		authorName: typeof authorName === 'string' ? authorName : null,
		createdAt: typeof createdAt === 'number' ? createdAt : 0,
		clusterId: typeof clusterId === 'string' ? clusterId : null,
		sources: Array.isArray(sources) ? sources.filter((source) => typeof source === 'string') : [],
		lang: isLanguageTag(lang) ? lang : null,
		translations: readTranslations(map)
	};
}

export function readCluster(map: Y.Map<unknown>): Cluster | null {
	const id = map.get('id');
	if (typeof id !== 'string') return null;
	const title = map.get('title');
	const columnId = map.get('columnId');
	const authorId = map.get('authorId');
	const createdAt = map.get('createdAt');
	return {
		id,
		title: typeof title === 'string' ? title : '',
		columnId: typeof columnId === 'string' ? columnId : null,
		authorId: typeof authorId === 'string' ? authorId : '',
		createdAt: typeof createdAt === 'number' ? createdAt : 0
	};
}

function readLink(map: Y.Map<unknown>): Link | null {
	const solutionId = map.get('solutionId');
	const challengeId = map.get('challengeId');
	if (typeof solutionId !== 'string' || typeof challengeId !== 'string') return null;
	const authorId = map.get('authorId');
	const createdAt = map.get('createdAt');
	return {
		id: String(map.get('id') ?? ''),
		solutionId,
		challengeId,
		authorId: typeof authorId === 'string' ? authorId : '',
		createdAt: typeof createdAt === 'number' ? createdAt : 0
	};
}

export function columnKindOfCard(doc: Y.Doc, cardId: string): ColumnKind | undefined {
	const columnId = cardsOf(doc).get(cardId)?.get('columnId');
	const column = columnsOf(doc)
		.toArray()
		.find((map) => map.get('id') === columnId);
	return column ? readColumn(column).kind : undefined;
}

/** Solutions linked to a challenge, or challenges linked to a solution: links read both ways. */
export function linkedCardIds(content: BoardContent, cardId: string): string[] {
	const ids: string[] = [];
	for (const link of content.links) {
		if (link.solutionId === cardId) ids.push(link.challengeId);
		else if (link.challengeId === cardId) ids.push(link.solutionId);
	}
	return ids;
}
