import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { publicOrigin } from '$lib/server/origin';
import * as shares from '$lib/server/repositories/outcome-shares';
import { requireOutcome } from '$lib/server/outcomes-access';
import { shareJson, shareUrl } from '$lib/server/outcomes';

export function GET(event) {
	const access = requireOutcome(event, event.params.outcomeId, { manage: true });
	if (access instanceof Response) return access;
	return json({
		shares: shares.listByOutcome(appContext().db, access.outcome.id).map((share) => shareJson(share))
	});
}

/** A new share link; its address (with the token) is in this answer only. */
export function POST(event) {
	const access = requireOutcome(event, event.params.outcomeId, { manage: true });
	if (access instanceof Response) return access;
	const { share, token } = shares.create(appContext().db, access.outcome.id, 'link');
	return json({ share: shareJson(share, shareUrl(publicOrigin(event), token)) }, { status: 201 });
}
