import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { appContext } from '$lib/server/context';
import * as boards from '$lib/server/repositories/boards';
import * as meetings from '$lib/server/repositories/meetings';
import * as participants from '$lib/server/repositories/participants';
import { joinBoard } from '$lib/server/joining';
import { clientAddress, setDeviceCookie } from '$lib/server/http';
import { errorMessage } from '$lib/server/error-messages';
import { DEVICE_COOKIE } from '$lib/server/access';
import { JoinInput } from '$lib/server/validation';
import * as recipients from '$lib/server/repositories/share-recipients';
import { readResultsEmail } from '$lib/server/outcomes-mail';
import { m } from '$lib/paraglide/messages';
import { meetingTimeZone } from '$lib/server/meeting-time-zone';

export function load(event) {
	const context = appContext();
	const address = clientAddress(event);
	const limiter = context.limiters.failuresPerAddress;
	if (limiter.isBlocked(address)) error(429, errorMessage('rate_limited'));
	const board = boards.readByJoinCode(context.db, event.params.code);
	if (!board) {
		limiter.recordFailure(address);
		error(404, m.join_unknown_code());
	}
	const meeting = meetings.read(context.db, board.meetingId);
	const returning = event.locals.deviceHash
		? participants.readOnBoard(context.db, event.locals.deviceHash, board.id)
		: undefined;
	return {
		code: board.joinCode,
		board: { title: board.title, finished: board.finished },
		meeting: meeting && {
			title: meeting.title,
			startsAt: meeting.startsAt,
			location: meeting.location,
			retainUntil: meeting.retainUntil,
			timeZone: meetingTimeZone(meeting)
		},
		returning:
			returning && !returning.removed
				? {
						name: returning.name,
						organisation: returning.organisation,
						email: recipients.emailOf(context.db, returning.id)
					}
				: null
	};
}

export const actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const form = Object.fromEntries(data);
		const parsed = v.safeParse(JoinInput, { ...form, code: event.params.code });
		const values = {
			name: String(form.name ?? ''),
			organisation: String(form.organisation ?? ''),
			email: String(form.email ?? '')
		};
		if (!parsed.success) return fail(400, { values, error: m.join_name_too_long() });
		const email = readResultsEmail(data.get('email'), data.get('emailConsent'));
		if (!email.ok) {
			return fail(400, {
				values,
				error: email.reason === 'invalid' ? m.join_email_invalid() : m.join_email_consent_missing()
			});
		}
		const result = joinBoard(appContext(), parsed.output, {
			token: event.cookies.get(DEVICE_COOKIE),
			address: clientAddress(event)
		});
		if (!result.ok) {
			const message = result.code === 'forbidden' ? m.join_removed() : errorMessage(result.code);
			return fail(result.code === 'not_found' ? 404 : 403, { values, error: message });
		}
		recipients.setEmail(appContext().db, result.participant.id, email.email);
		setDeviceCookie(event, result.deviceToken);
		redirect(303, `/boards/${result.board.id}`);
	}
};
