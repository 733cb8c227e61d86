import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { apiErrorFor } from '$lib/server/http';
import { searchOutcomes } from '$lib/server/outcomes-search';

/** Searches the outcomes the caller may see: a facilitator's meetings, the boards a device joined. */
export function GET(event) {
	const { user, deviceHash } = event.locals;
	if (!user && !deviceHash) return apiErrorFor('unauthenticated');
	const found = searchOutcomes(appContext().db, event.url.searchParams, {
		userId: user?.id ?? null,
		deviceHash
	});
	if (!found) return apiErrorFor('invalid_input');
	return json(found);
}
