import * as v from 'valibot';
import { MeetingInput } from './validation';
import type { MeetingInput as MeetingValues } from './repositories/meetings';

export type MeetingFormResult =
	| { ok: true; value: MeetingValues }
	| { ok: false; values: Record<string, string>; errors: { title?: boolean; startsAt?: boolean } };

/**
 * Reads the meeting form. `datetime-local` has no time zone, so the browser adds
 * its offset in a hidden field; without JavaScript the server's zone is assumed.
 */
export function readMeetingForm(form: FormData): MeetingFormResult {
	const values = Object.fromEntries(
		['title', 'startsAt', 'location', 'description'].map((key) => [key, String(form.get(key) ?? '')])
	);
	const offset = Number(form.get('timezoneOffset'));
	let startsAt: number | null = null;
	if (values.startsAt) {
		startsAt =
			Number.isFinite(offset) && form.get('timezoneOffset') !== null
				? Date.parse(`${values.startsAt}:00Z`) + offset * 60_000
				: Date.parse(values.startsAt);
		if (Number.isNaN(startsAt)) return { ok: false, values, errors: { startsAt: true } };
	}
	const parsed = v.safeParse(MeetingInput, { ...values, startsAt });
	if (!parsed.success) return { ok: false, values, errors: { title: true } };
	return { ok: true, value: parsed.output as MeetingValues };
}
