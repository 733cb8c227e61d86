import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { appContext } from '$lib/server/context';
import { errorMessage } from '$lib/server/error-messages';
import { requireBoardPageAccess } from '$lib/server/board-page';
import { publicOrigin } from '$lib/server/origin';
import * as shareLinks from '$lib/server/repositories/share-links';
import * as meetings from '$lib/server/repositories/meetings';
import { meetingTimeZone } from '$lib/server/meeting-time-zone';

const CreateInput = v.object({ kind: v.picklist(['cofacilitator', 'viewer']) });
const RevokeInput = v.object({ linkId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

/** Only the owner of the board's meeting hands out and takes back links; co-facilitators may not. */
function requireOwner(event: RequestEvent<{ boardId: string }>) {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	const access = requireBoardPageAccess(event, event.params.boardId);
	if (!access.owner) error(403, errorMessage('forbidden'));
	return access.board;
}

export function load(event) {
	const board = requireOwner(event);
	return {
		board: { id: board.id, title: board.title },
		timeZone: meetingTimeZone(meetings.read(appContext().db, board.meetingId)),
		links: shareLinks.listActive(appContext().db, board.id)
	};
}

export const actions = {
	create: async (event) => {
		const board = requireOwner(event);
		const parsed = v.safeParse(CreateInput, Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { failed: true });
		const { kind } = parsed.output;
		const { token } = shareLinks.create(appContext().db, board.id, kind);
		const path = kind === 'viewer' ? 'view' : 'cofacilitate';
		return { created: { kind, url: `${publicOrigin(event).replace(/\/$/, '')}/${path}/${token}` } };
	},
	revoke: async (event) => {
		const board = requireOwner(event);
		const parsed = v.safeParse(RevokeInput, Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { failed: true });
		const context = appContext();
		const admitted = shareLinks.revoke(context.db, board.id, parsed.output.linkId);
		if (!admitted) return fail(404, { failed: true });
		// Taking a link back takes back what it gave, on connections already open too.
		context.live.disconnectActors(board.id, admitted);
		return { revoked: true };
	}
};
