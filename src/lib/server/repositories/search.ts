/**
 * Full-text search over outcomes (SQLite FTS5). Each card's text and its
 * translations, and each cluster's title, are indexed folded by `foldForSearch`;
 * the original text is kept beside it to show. Only the latest version of each
 * board is searched: earlier versions stay readable from the outcome page.
 */
import type { Db } from '../db/open';
import type { OutcomeDocument } from '../../outcome/format';
import { foldForSearch } from '../../outcome/search-text';

export interface SearchHit {
	cardId: string;
	text: string;
	kind: string;
	outcomeId: string;
	version: number;
	boardId: string;
	boardTitle: string;
	meetingId: string;
	meetingTitle: string;
	/** The meeting's date, or when the outcome was made if the meeting has none (epoch ms). */
	meetingDate: number;
	/** The meeting's IANA time zone; null for meetings from before zones were kept. */
	meetingTimeZone: string | null;
}

/** Who is searching: a facilitator sees their meetings, a device the boards it joined, a share link its outcome. */
export type SearchScope =
	{ userId: string | null; deviceHash: string | null; outcomeId?: undefined } | { outcomeId: string };

export interface SearchFilters {
	meetingId?: string;
	/** Meeting date range, epoch ms, inclusive. */
	from?: number;
	to?: number;
	limit?: number;
}

export function indexOutcome(db: Db, outcomeId: string, document: OutcomeDocument): void {
	const insert = db.prepare(
		'INSERT INTO outcome_search (body, text, kind, card_id, outcome_id) VALUES (?, ?, ?, ?, ?)'
	);
	for (const card of document.cards) {
		const body = [card.text, ...Object.values(card.translations)].map(foldForSearch).join('\n');
		insert.run(body, card.text, card.kind, card.id, outcomeId);
	}
	for (const cluster of document.clusters) {
		insert.run(foldForSearch(cluster.title), cluster.title, 'cluster', cluster.id, outcomeId);
	}
}

const MEETING_DATE = 'COALESCE(m.starts_at, o.created_at)';

/** Runs an FTS5 query built by `searchQuery`; best matches first. */
export function search(db: Db, query: string, scope: SearchScope, filters: SearchFilters = {}): SearchHit[] {
	const conditions = ['outcome_search MATCH @query'];
	if (scope.outcomeId !== undefined) {
		// A share link names one version: that one is searched, whether or not it is the latest.
		conditions.push('o.id = @outcomeId');
	} else {
		conditions.push(
			'o.version = (SELECT MAX(version) FROM outcomes latest WHERE latest.board_id = o.board_id)'
		);
		conditions.push(`(m.owner_id = @userId OR EXISTS (
			SELECT 1 FROM participants p WHERE p.board_id = b.id AND p.device_hash = @deviceHash AND p.removed = 0))`);
	}
	if (filters.meetingId) conditions.push('m.id = @meetingId');
	if (filters.from !== undefined) conditions.push(`${MEETING_DATE} >= @from`);
	if (filters.to !== undefined) conditions.push(`${MEETING_DATE} <= @to`);
	const params = {
		query,
		outcomeId: scope.outcomeId ?? null,
		userId: scope.outcomeId === undefined ? scope.userId : null,
		deviceHash: scope.outcomeId === undefined ? scope.deviceHash : null,
		meetingId: filters.meetingId ?? null,
		from: filters.from ?? null,
		to: filters.to ?? null,
		limit: filters.limit ?? 50
	};
	return db
		.prepare(
			`SELECT s.card_id AS cardId, s.text, s.kind, o.id AS outcomeId, o.version, b.id AS boardId,
			   b.title AS boardTitle, m.id AS meetingId, m.title AS meetingTitle, ${MEETING_DATE} AS meetingDate,
			   m.time_zone AS meetingTimeZone
			 FROM outcome_search s
			 JOIN outcomes o ON o.id = s.outcome_id
			 JOIN boards b ON b.id = o.board_id
			 JOIN meetings m ON m.id = b.meeting_id
			 WHERE ${conditions.join(' AND ')}
			 ORDER BY bm25(outcome_search), ${MEETING_DATE} DESC
			 LIMIT @limit`
		)
		.all(params) as SearchHit[];
}
