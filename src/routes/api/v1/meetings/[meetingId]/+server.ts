import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as meetings from '$lib/server/repositories/meetings';
import { meetingJson } from '$lib/server/api-views';
import { readJson } from '$lib/server/http';
import { meetingInput } from '$lib/server/validation';
import { meetingTimeZone } from '$lib/server/meeting-time-zone';
import { requireOwnMeeting } from '$lib/server/api-guards';
import { deleteMeeting } from '$lib/server/outcomes-privacy';

export function GET(event) {
	const own = requireOwnMeeting(event, event.params.meetingId);
	if (own instanceof Response) return own;
	return json({ meeting: meetingJson(own.meeting) });
}

export async function PATCH(event) {
	const own = requireOwnMeeting(event, event.params.meetingId);
	if (own instanceof Response) return own;
	// Without a `timeZone`, the meeting keeps its own, and times without an offset are read in it.
	const input = await readJson(event.request, meetingInput(meetingTimeZone(own.meeting)));
	if (!input.ok) return input.response;
	const { db } = appContext();
	meetings.update(db, own.meeting.id, input.value);
	return json({ meeting: meetingJson(meetings.read(db, own.meeting.id)!) });
}

/** Deletes the meeting with its boards, outcomes, share links and participant data. */
export function DELETE(event) {
	const own = requireOwnMeeting(event, event.params.meetingId);
	if (own instanceof Response) return own;
	deleteMeeting(appContext(), own.meeting.id);
	return new Response(null, { status: 204 });
}
