import * as v from 'valibot';
import { meetingInput } from './validation';
import type { MeetingInput as MeetingValues } from './repositories/meetings';
import { canonicalTimeZone } from '../time-zone';

type MeetingFormErrors = { title?: boolean; startsAt?: boolean; retainUntil?: boolean };

export type MeetingFormResult =
	| { ok: true; value: MeetingValues }
	| { ok: false; values: Record<string, string>; errors: MeetingFormErrors };

const FIELDS = ['title', 'startsAt', 'location', 'description', 'retainUntil', 'timeZone'] as const;

/**
 * Reads the meeting form. `datetime-local` and `date` have no time zone: the form
 * says which one it shows its values in (`timeZone`, see MeetingForm.svelte). A
 * zone this server does not know counts as none, like a form sent without
 * JavaScript: then `fallbackZone` applies (the meeting's own, or DEFAULT_TIME_ZONE).
 */
export function readMeetingForm(form: FormData, fallbackZone: string): MeetingFormResult {
	const values: Record<string, string> = Object.fromEntries(
		FIELDS.map((key) => [key, String(form.get(key) ?? '')])
	);
	values.timeZone = canonicalTimeZone(values.timeZone) ?? fallbackZone;
	const parsed = v.safeParse(meetingInput(fallbackZone), {
		...values,
		// The retention field is a date: data is kept through that whole day.
		retainUntil: values.retainUntil && `${values.retainUntil}T23:59:59.999`
	});
	if (parsed.success) return { ok: true, value: parsed.output };
	const errors: MeetingFormErrors = {};
	for (const issue of parsed.issues) {
		const field = v.getDotPath(issue);
		if (field === 'startsAt' || field === 'retainUntil') errors[field] = true;
		else errors.title = true;
	}
	return { ok: false, values, errors };
}
