import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { requireBoardAccess } from '$lib/server/api-guards';
import { apiErrorFor } from '$lib/server/http';
import { finishBoard, outcomeSummaryJson } from '$lib/server/outcomes';

/** Finishes the board: a new outcome version, and the board read-only for everyone. */
export function POST(event) {
	const access = requireBoardAccess(event, event.params.boardId);
	if (access instanceof Response) return access;
	if (access.role !== 'facilitator') return apiErrorFor('forbidden');
	const result = finishBoard(appContext(), access.board.id, access.actorId);
	if (!result.ok) return apiErrorFor(result.code);
	return json({ outcome: outcomeSummaryJson(result.outcome) }, { status: 201 });
}
