import { fail, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as meetings from '$lib/server/repositories/meetings';
import * as boards from '$lib/server/repositories/boards';
import * as shareLinks from '$lib/server/repositories/share-links';
import { readMeetingForm } from '$lib/server/meeting-form';
import { defaultTimeZone, meetingTimeZone } from '$lib/server/meeting-time-zone';

export function load({ locals }) {
	const { db } = appContext();
	const list = meetings.listByOwner(db, locals.user!.id).map((meeting) => ({
		...meeting,
		timeZone: meetingTimeZone(meeting),
		boardCount: boards.listByMeeting(db, meeting.id).length
	}));
	// Boards of others' meetings that the user co-facilitates: otherwise only the link leads back to them.
	const sharedBoards = shareLinks.listSharedWith(db, locals.user!.id).map((board) => ({
		...board,
		meetingTimeZone: meetingTimeZone({ timeZone: board.meetingTimeZone })
	}));
	// A new meeting's form shows this zone until the browser names its own.
	return { meetings: list, sharedBoards, defaultTimeZone: defaultTimeZone() };
}

export const actions = {
	create: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		const result = readMeetingForm(await request.formData(), defaultTimeZone());
		if (!result.ok) return fail(400, { values: result.values, errors: result.errors });
		const meeting = meetings.create(appContext().db, locals.user.id, result.value);
		redirect(303, `/meetings/${meeting.id}`);
	}
};
