import { error, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { resolveBoardAccess } from '$lib/server/access';
import { errorMessage } from '$lib/server/error-messages';
import * as outcomes from '$lib/server/repositories/outcomes';

/** The board's latest outcome: where the board's "Results" link leads. */
export function load({ locals, params, url }) {
	const { db } = appContext();
	const result = resolveBoardAccess(db, { user: locals.user, deviceHash: locals.deviceHash }, params.boardId);
	if (!result.ok) {
		if (result.reason === 'unauthenticated') redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
		error(result.reason === 'not_found' ? 404 : 403, errorMessage(result.reason));
	}
	const latest = outcomes.latestOfBoard(db, params.boardId);
	if (!latest) error(404, errorMessage('not_found'));
	redirect(303, `/outcomes/${latest.id}`);
}
