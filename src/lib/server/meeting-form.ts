import * as v from 'valibot';
import { MeetingInput } from './validation';
import type { MeetingInput as MeetingValues } from './repositories/meetings';

export type MeetingFormResult =
	| { ok: true; value: MeetingValues }
	| {
			ok: false;
			values: Record<string, string>;
			errors: { title?: boolean; startsAt?: boolean; retainUntil?: boolean };
	  };

/**
 * Reads the meeting form. `datetime-local` has no time zone, so the browser adds
 * its offset in a hidden field; without JavaScript the server's zone is assumed.
 */
export function readMeetingForm(form: FormData): MeetingFormResult {
	const values = Object.fromEntries(
		['title', 'startsAt', 'location', 'description', 'retainUntil'].map((key) => [
			key,
			String(form.get(key) ?? '')
		])
	);
	const offset = Number(form.get('timezoneOffset'));
	const withOffset = Number.isFinite(offset) && form.get('timezoneOffset') !== null;
	/** A local date-time as the browser's zone means it (or the server's, without JavaScript). */
	const moment = (local: string) =>
		withOffset ? Date.parse(`${local}Z`) + offset * 60_000 : Date.parse(local);
	let startsAt: number | null = null;
	if (values.startsAt) {
		startsAt = moment(`${values.startsAt}:00`);
		if (Number.isNaN(startsAt)) return { ok: false, values, errors: { startsAt: true } };
	}
	// The retention field is a date: data is kept through that whole day.
	let retainUntil: number | null = null;
	if (values.retainUntil) {
		retainUntil = moment(`${values.retainUntil}T23:59:59.999`);
		if (Number.isNaN(retainUntil)) return { ok: false, values, errors: { retainUntil: true } };
	}
	const parsed = v.safeParse(MeetingInput, { ...values, startsAt, retainUntil });
	if (!parsed.success) return { ok: false, values, errors: { title: true } };
	return { ok: true, value: parsed.output as MeetingValues };
}
