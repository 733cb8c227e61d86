import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { resolveShare } from '$lib/server/outcomes-access';
import { parseOutcome } from '$lib/server/outcomes';
import { chromiumPath } from '$lib/server/outcomes-pdf';
import { m } from '$lib/paraglide/messages';

/** The review page for whoever holds the link: no account, nothing to manage. */
export function load({ params, setHeaders }) {
	setHeaders({ 'X-Robots-Tag': 'noindex', 'Cache-Control': 'no-store' });
	const shared = resolveShare(appContext().db, params.token);
	if (!shared.ok) {
		if (shared.reason === 'revoked') error(410, m.share_revoked());
		error(404, m.share_not_found());
	}
	return { document: parseOutcome(shared.outcome), pdfAvailable: chromiumPath() !== null };
}
