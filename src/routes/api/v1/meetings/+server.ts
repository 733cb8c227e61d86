import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as meetings from '$lib/server/repositories/meetings';
import { meetingJson } from '$lib/server/api-views';
import { readJson } from '$lib/server/http';
import { meetingInput } from '$lib/server/validation';
import { defaultTimeZone } from '$lib/server/meeting-time-zone';
import { requireFacilitator } from '$lib/server/api-guards';

export async function POST(event) {
	const user = requireFacilitator(event);
	if (user instanceof Response) return user;
	const input = await readJson(event.request, meetingInput(defaultTimeZone()));
	if (!input.ok) return input.response;
	const meeting = meetings.create(appContext().db, user.id, input.value);
	return json({ meeting: meetingJson(meeting) }, { status: 201 });
}

export function GET(event) {
	const user = requireFacilitator(event);
	if (user instanceof Response) return user;
	return json({ meetings: meetings.listByOwner(appContext().db, user.id).map(meetingJson) });
}
