import { appContext } from '$lib/server/context';
import { apiErrorFor } from '$lib/server/http';
import { resolveShare } from '$lib/server/outcomes-access';
import { parseOutcome } from '$lib/server/outcomes';
import { exportOutcome, isOutcomeFormat } from '$lib/server/outcomes-export';

/** The shared outcome's files, for whoever holds the link. A revoked link answers 410. */
export async function GET({ params, url }) {
	const shared = resolveShare(appContext().db, params.token);
	if (!shared.ok) {
		return apiErrorFor(shared.reason === 'revoked' ? 'share_revoked' : 'not_found');
	}
	const format = url.searchParams.get('format') ?? 'md';
	if (!isOutcomeFormat(format)) return apiErrorFor('invalid_input');
	return exportOutcome(parseOutcome(shared.outcome), format);
}
