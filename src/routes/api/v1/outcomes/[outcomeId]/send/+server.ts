import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { apiErrorFor } from '$lib/server/http';
import { publicOrigin } from '$lib/server/origin';
import { requireOutcome } from '$lib/server/outcomes-access';
import { parseOutcome } from '$lib/server/outcomes';
import { sendResults } from '$lib/server/outcomes-mail';

/** Mails a share link to everyone who left an address at join for this. */
export async function POST(event) {
	const access = requireOutcome(event, event.params.outcomeId, { manage: true });
	if (access instanceof Response) return access;
	const result = await sendResults(
		appContext(),
		access.outcome,
		parseOutcome(access.outcome),
		publicOrigin(event)
	);
	if (!result.ok) return apiErrorFor(result.code);
	return json({ sent: result.sent, failed: result.failed });
}
