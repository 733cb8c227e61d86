/** The JSON shapes of the public API (see docs/api.md), kept apart from database rows. */
import type { Meeting } from './repositories/meetings';
import type { Board } from './repositories/boards';
import { joinUrl } from './http';
import { meetingTimeZone } from './meeting-time-zone';

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

export function meetingJson(meeting: Meeting) {
	return {
		id: meeting.id,
		title: meeting.title,
		startsAt: iso(meeting.startsAt),
		location: meeting.location,
		description: meeting.description,
		retainUntil: iso(meeting.retainUntil),
		timeZone: meetingTimeZone(meeting),
		createdAt: iso(meeting.createdAt),
		updatedAt: iso(meeting.updatedAt)
	};
}

export function boardJson(board: Board, origin: string) {
	return {
		id: board.id,
		title: board.title,
		meetingId: board.meetingId,
		template: board.template,
		joinCode: board.joinCode,
		joinUrl: joinUrl(origin, board.joinCode),
		phase: board.phase,
		locked: board.locked,
		finished: board.finished,
		interpretersAllowed: board.interpretersAllowed,
		createdAt: iso(board.createdAt)
	};
}
