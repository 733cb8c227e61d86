import { loadBoardPage, requireBoardPageAccess } from '$lib/server/board-page';

export function load(event) {
	return loadBoardPage(event, requireBoardPageAccess(event, event.params.boardId));
}
