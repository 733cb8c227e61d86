import { appContext } from '$lib/server/context';
import { requireBoardAccess } from '$lib/server/api-guards';
import { apiErrorFor } from '$lib/server/http';
import { EXPORT_FORMATS, exportBoard, type ExportFormat } from '$lib/server/board-export';

export function GET(event) {
	const access = requireBoardAccess(event, event.params.boardId);
	if (access instanceof Response) return access;
	const format = event.url.searchParams.get('format') ?? 'md';
	if (!EXPORT_FORMATS.includes(format as ExportFormat)) return apiErrorFor('invalid_input');
	return exportBoard(appContext(), access.board, format as ExportFormat);
}
