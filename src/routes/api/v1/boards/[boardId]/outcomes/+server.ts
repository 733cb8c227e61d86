import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { requireBoardAccess } from '$lib/server/api-guards';
import * as outcomes from '$lib/server/repositories/outcomes';
import { outcomeSummaryJson } from '$lib/server/outcomes';

/** Every outcome version of the board, oldest first, for anyone who may see the board. */
export function GET(event) {
	const access = requireBoardAccess(event, event.params.boardId);
	if (access instanceof Response) return access;
	return json({ outcomes: outcomes.listByBoard(appContext().db, access.board.id).map(outcomeSummaryJson) });
}
