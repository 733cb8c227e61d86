/** Search requests, shared by `GET /api/v1/search` and the search page: one reading of the parameters. */
import * as v from 'valibot';
import type { Db } from './db/open';
import * as search from './repositories/search';
import { searchQuery } from '../outcome/search-text';
import { meetingTimeZone } from './meeting-time-zone';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A date (`2026-03-01`, the whole day) or a date-time; `end` takes a plain date's last moment. */
const Moment = (end: boolean) =>
	v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.transform((value) => {
				if (value === '') return undefined;
				return DAY.test(value)
					? Date.parse(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`)
					: Date.parse(value);
			}),
			v.check((value) => value === undefined || !Number.isNaN(value))
		)
	);

const SearchParams = v.object({
	q: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
	meetingId: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
	from: Moment(false),
	to: Moment(true)
});

export interface SearchResult {
	cardId: string;
	text: string;
	kind: string;
	boardId: string;
	boardTitle: string;
	outcomeId: string;
	version: number;
	meetingId: string;
	meetingTitle: string;
	meetingDate: string;
	/** The zone the meeting's date is read in (an extension of the contract's result). */
	meetingTimeZone: string;
}

/** Null for a missing or empty `q` or a malformed date: the API's 400 `invalid_input`. */
export function searchOutcomes(
	db: Db,
	params: URLSearchParams,
	scope: search.SearchScope
): { results: SearchResult[] } | null {
	const parsed = v.safeParse(SearchParams, Object.fromEntries(params));
	if (!parsed.success) return null;
	const { q, meetingId, from, to } = parsed.output;
	const query = searchQuery(q);
	// Only punctuation typed: nothing can match, which is not an error.
	if (!query) return { results: [] };
	const hits = search.search(db, query, scope, { meetingId: meetingId || undefined, from, to });
	return {
		results: hits.map((hit) => ({
			...hit,
			meetingDate: new Date(hit.meetingDate).toISOString(),
			meetingTimeZone: meetingTimeZone({ timeZone: hit.meetingTimeZone })
		}))
	};
}
