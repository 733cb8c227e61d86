import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { requireBoardAccess } from '$lib/server/api-guards';
import { boardJson } from '$lib/server/api-views';
import { apiErrorFor } from '$lib/server/http';
import { publicOrigin } from '$lib/server/origin';
import { reopenBoard } from '$lib/server/outcomes';

/** Makes a finished board writable again; finishing it later stores the next version. */
export function POST(event) {
	const access = requireBoardAccess(event, event.params.boardId);
	if (access instanceof Response) return access;
	if (access.role !== 'facilitator') return apiErrorFor('forbidden');
	const result = reopenBoard(appContext(), access.board.id);
	if (!result.ok) return apiErrorFor(result.code);
	return json({ board: boardJson(result.board, publicOrigin(event)) });
}
