import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as boards from '$lib/server/repositories/boards';
import { boardJson } from '$lib/server/api-views';
import { readJson } from '$lib/server/http';
import { BoardInput } from '$lib/server/validation';
import { requireOwnMeeting } from '$lib/server/api-guards';
import { createBoard } from '$lib/server/board-creation';
import { publicOrigin } from '$lib/server/origin';
import { m } from '$lib/paraglide/messages';

export async function POST(event) {
	const own = requireOwnMeeting(event, event.params.meetingId);
	if (own instanceof Response) return own;
	const input = await readJson(event.request, BoardInput);
	if (!input.ok) return input.response;
	const board = createBoard(appContext(), {
		meetingId: own.meeting.id,
		title: input.value.title,
		template: input.value.template,
		columnTitles: { challenge: m.column_challenges(), solution: m.column_solutions() }
	});
	return json({ board: boardJson(board, publicOrigin(event)) }, { status: 201 });
}

export function GET(event) {
	const own = requireOwnMeeting(event, event.params.meetingId);
	if (own instanceof Response) return own;
	const origin = publicOrigin(event);
	const list = boards.listByMeeting(appContext().db, own.meeting.id);
	return json({ boards: list.map((board) => boardJson(board, origin)) });
}
