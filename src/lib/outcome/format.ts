/**
 * The outcome document: what a board looked like when its facilitator finished it,
 * normalised so that every card is written once and everything else refers to it
 * by id. Stored as JSON with each outcome version; documented in docs/outcome-format.md.
 */
import type { ColumnKind } from '../board/schema';

export const OUTCOME_FORMAT = 'wedo-board.outcome';
/** Raised when readers must adapt to a change of shape. */
export const OUTCOME_FORMAT_VERSION = 1;

export interface OutcomeColumn {
	id: string;
	title: string;
	kind: ColumnKind;
}

export interface OutcomeCard {
	id: string;
	columnId: string;
	kind: ColumnKind;
	text: string;
	/** The language the card was written in, when known. */
	lang: string | null;
	/** Translations of the text by language tag. */
	translations: Record<string, string>;
	/** The name the author joined with; null when anonymous or once the meeting's retention date passed. */
	authorName: string | null;
	createdAt: string;
	clusterId: string | null;
	/** Dots placed on this card. */
	votes: number;
}

export interface OutcomeCluster {
	id: string;
	title: string;
	columnId: string | null;
	/** Its cards in board order. */
	cardIds: string[];
	/** Dots placed on the cluster itself plus those on its cards. */
	votes: number;
}

export interface OutcomeChallenge {
	cardId: string;
	/** 1 for the most votes; cards with equal votes share a rank (1, 2, 2, 4). */
	rank: number;
	votes: number;
	/** The solutions linked to it, most votes first. */
	solutionIds: string[];
}

export interface OutcomeRecommendation {
	cardId: string;
	votes: number;
	/** The cards and clusters it was drawn from. */
	sourceIds: string[];
}

export interface OutcomeRankingEntry {
	id: string;
	type: 'card' | 'cluster';
	votes: number;
	rank: number;
}

export interface OutcomeDocument {
	format: typeof OUTCOME_FORMAT;
	formatVersion: typeof OUTCOME_FORMAT_VERSION;
	id: string;
	version: number;
	/** When the board was finished (ISO 8601). */
	createdAt: string;
	meeting: {
		id: string;
		title: string;
		startsAt: string | null;
		location: string | null;
		/** The meeting's IANA zone, which readers show its times in; absent in versions stored before zones were kept. */
		timeZone?: string;
	};
	board: { id: string; title: string };
	participantCount: number;
	/** When author names were removed (the meeting's retention date passed); null while kept. */
	anonymisedAt: string | null;
	columns: OutcomeColumn[];
	/** Every card once, in board order (creation time, then id). */
	cards: OutcomeCard[];
	links: Array<{ solutionId: string; challengeId: string }>;
	clusters: OutcomeCluster[];
	/** Every challenge card, by rank. */
	challenges: OutcomeChallenge[];
	recommendations: OutcomeRecommendation[];
	/** Every card and cluster with at least one vote, most votes first. */
	ranking: OutcomeRankingEntry[];
	totals: { cards: number; votes: number };
}

/** What the server knows besides the document's content when it stores an outcome. */
export interface OutcomeMeta {
	id: string;
	version: number;
	createdAt: number;
	meeting: { id: string; title: string; startsAt: number | null; location: string | null; timeZone: string };
	board: { id: string; title: string };
	participantCount: number;
}

/** Dots per voted target (card or cluster id). */
export type VoteCounts = ReadonlyMap<string, number>;
