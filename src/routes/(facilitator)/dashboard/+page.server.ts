import { fail, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as meetings from '$lib/server/repositories/meetings';
import * as boards from '$lib/server/repositories/boards';
import { readMeetingForm } from '$lib/server/meeting-form';

export function load({ locals }) {
	const { db } = appContext();
	const list = meetings.listByOwner(db, locals.user!.id).map((meeting) => ({
		...meeting,
		boardCount: boards.listByMeeting(db, meeting.id).length
	}));
	return { meetings: list };
}

export const actions = {
	create: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		const result = readMeetingForm(await request.formData());
		if (!result.ok) return fail(400, { values: result.values, errors: result.errors });
		const meeting = meetings.create(appContext().db, locals.user.id, result.value);
		redirect(303, `/meetings/${meeting.id}`);
	}
};
