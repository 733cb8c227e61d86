import { requireOutcome } from '$lib/server/outcomes-access';

/** The outcome document exactly as stored (docs/outcome-format.md). */
export function GET(event) {
	const access = requireOutcome(event, event.params.outcomeId);
	if (access instanceof Response) return access;
	return new Response(access.outcome.document, {
		headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}
