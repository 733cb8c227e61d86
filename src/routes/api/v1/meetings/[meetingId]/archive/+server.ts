import { appContext } from '$lib/server/context';
import { requireOwnMeeting } from '$lib/server/api-guards';
import { attachment } from '$lib/server/board-export';
import { meetingArchive } from '$lib/server/outcomes-archive';

/** Everything stored about the meeting as one ZIP file. */
export function GET(event) {
	const own = requireOwnMeeting(event, event.params.meetingId);
	if (own instanceof Response) return own;
	const archive = meetingArchive(appContext(), own.meeting);
	return attachment(archive.data as BodyInit, 'application/zip', archive.name);
}
