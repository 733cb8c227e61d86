import { apiErrorFor } from '$lib/server/http';
import { requireOutcome } from '$lib/server/outcomes-access';
import { parseOutcome } from '$lib/server/outcomes';
import { exportOutcome, isOutcomeFormat } from '$lib/server/outcomes-export';

export async function GET(event) {
	const access = requireOutcome(event, event.params.outcomeId);
	if (access instanceof Response) return access;
	const format = event.url.searchParams.get('format') ?? 'md';
	if (!isOutcomeFormat(format)) return apiErrorFor('invalid_input');
	return exportOutcome(parseOutcome(access.outcome), format);
}
