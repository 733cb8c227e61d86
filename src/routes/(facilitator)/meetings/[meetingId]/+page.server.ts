import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { appContext } from '$lib/server/context';
import * as meetings from '$lib/server/repositories/meetings';
import * as boards from '$lib/server/repositories/boards';
import * as participants from '$lib/server/repositories/participants';
import { createBoard } from '$lib/server/board-creation';
import { readMeetingForm } from '$lib/server/meeting-form';
import { meetingTimeZone } from '$lib/server/meeting-time-zone';
import * as outcomes from '$lib/server/repositories/outcomes';
import { deleteMeeting } from '$lib/server/outcomes-privacy';
import { BoardInput } from '$lib/server/validation';
import { errorMessage } from '$lib/server/error-messages';
import { m } from '$lib/paraglide/messages';

function ownMeeting(userId: string | undefined, meetingId: string): meetings.Meeting {
	if (!userId) redirect(303, '/login');
	const meeting = meetings.read(appContext().db, meetingId);
	if (!meeting) error(404, errorMessage('not_found'));
	if (meeting.ownerId !== userId) error(403, errorMessage('forbidden'));
	return meeting;
}

export function load({ locals, params }) {
	const meeting = ownMeeting(locals.user?.id, params.meetingId);
	const { db } = appContext();
	return {
		meeting: { ...meeting, timeZone: meetingTimeZone(meeting) },
		boards: boards.listByMeeting(db, meeting.id).map((board) => ({
			...board,
			participantCount: participants.countOnBoard(db, board.id),
			outcomes: outcomes.listByBoard(db, board.id).reverse()
		}))
	};
}

export const actions = {
	update: async ({ request, locals, params }) => {
		const meeting = ownMeeting(locals.user?.id, params.meetingId);
		const result = readMeetingForm(await request.formData(), meetingTimeZone(meeting));
		if (!result.ok) return fail(400, { meetingForm: { values: result.values, errors: result.errors } });
		meetings.update(appContext().db, meeting.id, result.value);
		return { saved: true };
	},
	createBoard: async ({ request, locals, params }) => {
		const meeting = ownMeeting(locals.user?.id, params.meetingId);
		const form = Object.fromEntries(await request.formData());
		const parsed = v.safeParse(BoardInput, form);
		if (!parsed.success) return fail(400, { boardError: m.board_title_missing() });
		const board = createBoard(appContext(), {
			meetingId: meeting.id,
			title: parsed.output.title,
			template: parsed.output.template,
			columnTitles: { challenge: m.column_challenges(), solution: m.column_solutions() }
		});
		redirect(303, `/boards/${board.id}`);
	},
	delete: async ({ request, locals, params }) => {
		const meeting = ownMeeting(locals.user?.id, params.meetingId);
		if ((await request.formData()).get('confirm') !== 'yes') return fail(400, { deleteError: true });
		deleteMeeting(appContext(), meeting.id);
		redirect(303, '/dashboard');
	}
};
