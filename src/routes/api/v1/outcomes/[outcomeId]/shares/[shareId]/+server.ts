import { appContext } from '$lib/server/context';
import { apiErrorFor } from '$lib/server/http';
import * as shares from '$lib/server/repositories/outcome-shares';
import { requireOutcome } from '$lib/server/outcomes-access';

/** Revokes the link: from now on it opens a page that says so. */
export function DELETE(event) {
	const access = requireOutcome(event, event.params.outcomeId, { manage: true });
	if (access instanceof Response) return access;
	if (!shares.revoke(appContext().db, access.outcome.id, event.params.shareId))
		return apiErrorFor('not_found');
	return new Response(null, { status: 204 });
}
