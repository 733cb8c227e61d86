import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readMeetingForm } from './meeting-form';
import { meetingInput } from './validation';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
}

const iso = (epochMs: number | null | undefined) =>
	epochMs == null ? null : new Date(epochMs).toISOString();

describe('readMeetingForm', () => {
	it('reads the date and time in the zone the browser named, across the start of summer time', () => {
		const result = readMeetingForm(
			form({
				title: 'Netzwerktreffen',
				startsAt: '2026-03-29T14:30',
				retainUntil: '2026-03-29',
				timeZone: 'Europe/Berlin'
			}),
			'America/New_York'
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.timeZone).toBe('Europe/Berlin');
		expect(iso(result.value.startsAt)).toBe('2026-03-29T12:30:00.000Z');
		// Kept through the whole day in Berlin.
		expect(iso(result.value.retainUntil)).toBe('2026-03-29T21:59:59.999Z');
	});

	it('without JavaScript (no zone sent), or with a zone the server does not know, takes the fallback zone', () => {
		for (const timeZone of [undefined, 'Mars/Olympus', '']) {
			const fields: Record<string, string> = { title: 'Treffen', startsAt: '2026-03-29T14:30' };
			if (timeZone !== undefined) fields.timeZone = timeZone;
			const result = readMeetingForm(form(fields), 'Europe/Berlin');
			expect(result.ok && result.value.timeZone, String(timeZone)).toBe('Europe/Berlin');
			expect(result.ok && iso(result.value.startsAt)).toBe('2026-03-29T12:30:00.000Z');
		}
	});

	it('names the field it could not read and gives the values back with their zone', () => {
		const result = readMeetingForm(
			form({ title: 'Treffen', startsAt: '2026-02-30T10:00', timeZone: 'Asia/Kolkata' }),
			'Europe/Berlin'
		);
		expect(result).toMatchObject({
			ok: false,
			errors: { startsAt: true },
			values: { startsAt: '2026-02-30T10:00', timeZone: 'Asia/Calcutta' }
		});
		expect(readMeetingForm(form({ title: ' ' }), 'Europe/Berlin')).toMatchObject({
			ok: false,
			errors: { title: true }
		});
	});
});

describe('meetingInput (the JSON API)', () => {
	const parse = (body: unknown, fallback = 'Europe/Berlin') => v.safeParse(meetingInput(fallback), body);

	it('reads a time without an offset in the meeting zone, and one with an offset as it says', () => {
		const wallClock = parse({ title: 'T', startsAt: '2026-03-29T14:30', timeZone: 'Europe/Berlin' });
		expect(wallClock.success && iso(wallClock.output.startsAt)).toBe('2026-03-29T12:30:00.000Z');
		const absolute = parse({ title: 'T', startsAt: '2026-03-01T18:00:00Z', timeZone: 'Asia/Tokyo' });
		expect(absolute.success && iso(absolute.output.startsAt)).toBe('2026-03-01T18:00:00.000Z');
		const epoch = parse({ title: 'T', startsAt: Date.UTC(2026, 2, 1, 18) });
		expect(epoch.success && iso(epoch.output.startsAt)).toBe('2026-03-01T18:00:00.000Z');
		// Without a zone, the fallback: the meeting's own on an update, DEFAULT_TIME_ZONE for a new one.
		const kept = parse({ title: 'T', startsAt: '2026-07-01T09:00' }, 'America/New_York');
		expect(kept.success && kept.output).toMatchObject({ timeZone: 'America/New_York' });
		expect(kept.success && iso(kept.output.startsAt)).toBe('2026-07-01T13:00:00.000Z');
	});

	it('refuses a zone that is not an IANA zone this server knows', () => {
		for (const timeZone of ['Mars/Olympus', '+02:00', 7, ''])
			expect(parse({ title: 'T', timeZone }).success, String(timeZone)).toBe(false);
	});
});
