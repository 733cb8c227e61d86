/**
 * The board document's shape: the one definition that the server, the UI,
 * the exports and the tests share. Documented in docs/board-model.md.
 */
import * as Y from 'yjs';

export const COLUMN_KINDS = ['challenge', 'solution', 'recommendation', 'note'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const TEMPLATES = ['challenges-solutions'] as const;
export type Template = (typeof TEMPLATES)[number];

/** Bumped when the document's shape changes in a way readers must know about. */
export const SCHEMA_VERSION = 1;

/** Root names inside the Y.Doc. `columns` and `cards` are fixed by the public contract. */
export const ROOT = {
	columns: 'columns',
	cards: 'cards',
	links: 'links',
	clusters: 'clusters',
	meta: 'meta'
} as const;

/** Upper limits the server enforces on the resulting document (see docs/security.md). */
export const LIMITS = {
	cardText: 2000,
	title: 200,
	cardsPerBoard: 5000
} as const;

export interface Column {
	id: string;
	title: string;
	kind: ColumnKind;
}

export interface Card {
	id: string;
	columnId: string;
	text: string;
	authorId: string;
	authorName: string | null;
	createdAt: number;
	/** The cluster (theme) the card is grouped into; null when it stands alone. */
	clusterId: string | null;
	/** For recommendations: the cards and clusters it was drawn from. Empty for other cards. */
	sources: string[];
	/** The language the card was written in (the author's interface language); null when unknown. */
	lang: string | null;
	/** Non-empty translations of the text, by language (see translations.ts). */
	translations: Record<string, string>;
}

/** A named group of cards (a theme), shown as a group within its column. */
export interface Cluster {
	id: string;
	title: string;
	/** The column the cluster is shown in; null for a cluster that belongs to none yet. */
	columnId: string | null;
	authorId: string;
	createdAt: number;
}

/** A solution card answers a challenge card. Both directions are read from the same record. */
export interface Link {
	id: string;
	solutionId: string;
	challengeId: string;
	authorId: string;
	createdAt: number;
}

export interface BoardContent {
	columns: Column[];
	cards: Card[];
	links: Link[];
	clusters: Cluster[];
}

export type CardMap = Y.Map<unknown>;

export function columnsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>(ROOT.columns);
}

export function cardsOf(doc: Y.Doc): Y.Map<CardMap> {
	return doc.getMap<CardMap>(ROOT.cards);
}

export function linksOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(ROOT.links);
}

export function clustersOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(ROOT.clusters);
}

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(ROOT.meta);
}

/** Link ids are derived from both ends so that two people linking the same pair at once make one link. */
export function linkId(solutionId: string, challengeId: string): string {
	return `${solutionId}>${challengeId}`;
}
