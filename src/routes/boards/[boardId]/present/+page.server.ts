import { error } from '@sveltejs/kit';
import { errorMessage } from '$lib/server/error-messages';
import { loadBoardPage, requireBoardPageAccess } from '$lib/server/board-page';

/** The projector's view: for facilitators and viewers; participants have the board itself. */
export function load(event) {
	const access = requireBoardPageAccess(event, event.params.boardId);
	if (access.role === 'participant') error(403, errorMessage('forbidden'));
	return loadBoardPage(event, access);
}
