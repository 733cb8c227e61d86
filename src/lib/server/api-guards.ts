import type { RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from './auth/sessions';
import { apiErrorFor } from './http';
import { appContext } from './context';
import * as meetings from './repositories/meetings';
import { resolveBoardAccess, type BoardAccess } from './access';

/** A signed-in facilitator, or the contract's 401 / 403. Participants are not facilitators. */
export function requireFacilitator(event: Pick<RequestEvent, 'locals'>): SessionUser | Response {
	if (event.locals.user) return event.locals.user;
	return apiErrorFor(event.locals.deviceHash ? 'forbidden' : 'unauthenticated');
}

/** The caller's own meeting, or 401 / 403 (someone else's) / 404 (unknown). */
export function requireOwnMeeting(
	event: Pick<RequestEvent, 'locals'>,
	meetingId: string
): { user: SessionUser; meeting: meetings.Meeting } | Response {
	const user = requireFacilitator(event);
	if (user instanceof Response) return user;
	const meeting = meetings.read(appContext().db, meetingId);
	if (!meeting) return apiErrorFor('not_found');
	if (meeting.ownerId !== user.id) return apiErrorFor('forbidden');
	return { user, meeting };
}

/** Anyone with access to the board: its facilitator or a participant or viewer who joined it. */
export function requireBoardAccess(
	event: Pick<RequestEvent, 'locals'>,
	boardId: string
): BoardAccess | Response {
	const result = resolveBoardAccess(
		appContext().db,
		{ user: event.locals.user, deviceHash: event.locals.deviceHash },
		boardId
	);
	if (result.ok) return result.access;
	return apiErrorFor(result.reason);
}
