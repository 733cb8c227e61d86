import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as participants from '$lib/server/repositories/participants';
import { apiErrorFor } from '$lib/server/http';

export function GET({ locals }) {
	if (locals.user) {
		const { id, email, name } = locals.user;
		return json({ user: { id, email, name } });
	}
	const participant = locals.deviceHash
		? participants.readLatest(appContext().db, locals.deviceHash)
		: undefined;
	if (!participant) return apiErrorFor('unauthenticated');
	return json({ participant: { id: participant.id, name: participant.name, boardId: participant.boardId } });
}
