import { json } from '@sveltejs/kit';
import { boardJson } from '$lib/server/api-views';
import { requireBoardAccess } from '$lib/server/api-guards';
import { publicOrigin } from '$lib/server/origin';

export function GET(event) {
	const access = requireBoardAccess(event, event.params.boardId);
	if (access instanceof Response) return access;
	return json({ board: { ...boardJson(access.board, publicOrigin(event)), role: access.role } });
}
