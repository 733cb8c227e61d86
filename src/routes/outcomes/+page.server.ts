import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as meetings from '$lib/server/repositories/meetings';
import * as outcomes from '$lib/server/repositories/outcomes';
import { meetingTimeZone } from '$lib/server/meeting-time-zone';
import { epochToWallClock } from '$lib/time-zone';

/** Every meeting of the facilitator over time, newest first, by year, with the outcomes of its boards. */
export function load({ locals, url }) {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const { db } = appContext();
	const list = meetings.listByOwner(db, locals.user.id);
	const results = outcomes.listByMeetings(
		db,
		list.map((meeting) => meeting.id)
	);
	const entries = list.map((meeting) => {
		const own = results.filter((outcome) => outcome.meetingId === meeting.id);
		const boards = [...new Set(own.map((outcome) => outcome.boardId))].map((boardId) => {
			const versions = own.filter((outcome) => outcome.boardId === boardId);
			return {
				id: boardId,
				title: versions[0].boardTitle,
				latest: versions[0],
				versionCount: versions.length
			};
		});
		return {
			id: meeting.id,
			title: meeting.title,
			location: meeting.location,
			date: meeting.startsAt ?? meeting.createdAt,
			dated: meeting.startsAt !== null,
			timeZone: meetingTimeZone(meeting),
			boards
		};
	});
	// Newest year first; within a year, the meetings keep their order (newest first).
	const years: Array<{ year: number; meetings: typeof entries }> = [];
	for (const meeting of entries) {
		// The year it was where the meeting took place: a New Year's Eve meeting in Berlin belongs to its year.
		const year = Number(epochToWallClock(meeting.date, meeting.timeZone).slice(0, 4));
		if (years.at(-1)?.year !== year) years.push({ year, meetings: [] });
		years.at(-1)!.meetings.push(meeting);
	}
	return { empty: entries.length === 0, years };
}
