import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { resolveShare } from '$lib/server/outcomes-access';
import { parseOutcome } from '$lib/server/outcomes';
import { chromiumPath } from '$lib/server/outcomes-pdf';
import { outcomeTimeZone } from '$lib/server/meeting-time-zone';
import { searchOutcomes } from '$lib/server/outcomes-search';
import { m } from '$lib/paraglide/messages';

/** The review page for whoever holds the link: no account, nothing to manage; search within this outcome only. */
export function load({ params, setHeaders, url }) {
	setHeaders({ 'X-Robots-Tag': 'noindex', 'Cache-Control': 'no-store' });
	const shared = resolveShare(appContext().db, params.token);
	if (!shared.ok) {
		if (shared.reason === 'revoked') error(410, m.share_revoked());
		error(404, m.share_not_found());
	}
	const query = url.searchParams.get('q');
	const found =
		query === null
			? null
			: searchOutcomes(appContext().db, url.searchParams, { outcomeId: shared.outcome.id });
	const document = parseOutcome(shared.outcome);
	return {
		document,
		timeZone: outcomeTimeZone(document),
		pdfAvailable: chromiumPath() !== null,
		search: query === null ? null : { query, results: found?.results ?? null }
	};
}
