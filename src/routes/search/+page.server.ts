import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as meetings from '$lib/server/repositories/meetings';
import { searchOutcomes } from '$lib/server/outcomes-search';

/** Search across the outcomes the visitor may see, with the same rules as `GET /api/v1/search`. */
export function load({ locals, url }) {
	const { user, deviceHash } = locals;
	if (!user && !deviceHash) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const { db } = appContext();
	const values = {
		q: url.searchParams.get('q') ?? '',
		meetingId: url.searchParams.get('meetingId') ?? '',
		from: url.searchParams.get('from') ?? '',
		to: url.searchParams.get('to') ?? ''
	};
	const searched = url.searchParams.has('q');
	const found = searched
		? searchOutcomes(db, url.searchParams, { userId: user?.id ?? null, deviceHash })
		: null;
	return {
		values,
		searched,
		invalid: searched && found === null,
		results: found?.results ?? [],
		meetings: user ? meetings.listByOwner(db, user.id).map(({ id, title }) => ({ id, title })) : undefined
	};
}
