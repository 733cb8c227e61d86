import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalTimeZone, epochToWallClock, isWallClock, wallClockToEpoch } from './time-zone';
import { formatDateTime, formatShortDateTime, timeZoneLabel, toDateTimeLocal } from './format';

const BERLIN = 'Europe/Berlin';
const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

// The process's own zone must not matter: run as if the server sat somewhere else entirely.
const processZone = process.env.TZ;
beforeAll(() => {
	process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
	if (processZone === undefined) delete process.env.TZ;
	else process.env.TZ = processZone;
});

describe('wallClockToEpoch', () => {
	it('reads a wall clock in the zone, with the offset of that day', () => {
		expect(iso(wallClockToEpoch('2026-03-28T14:30', BERLIN))).toBe('2026-03-28T13:30:00.000Z');
		// 29 March 2026: summer time starts in Berlin at 02:00, so the afternoon is UTC+2.
		expect(iso(wallClockToEpoch('2026-03-29T14:30', BERLIN))).toBe('2026-03-29T12:30:00.000Z');
		expect(iso(wallClockToEpoch('2026-03-29T01:59', BERLIN))).toBe('2026-03-29T00:59:00.000Z');
		expect(iso(wallClockToEpoch('2026-03-29T03:00', BERLIN))).toBe('2026-03-29T01:00:00.000Z');
		expect(iso(wallClockToEpoch('2026-06-30T23:59:59.999', BERLIN))).toBe('2026-06-30T21:59:59.999Z');
		expect(iso(wallClockToEpoch('2026-01-01T00:00', 'Asia/Kathmandu'))).toBe('2025-12-31T18:15:00.000Z');
		expect(iso(wallClockToEpoch('2026-03-29T14:30', 'UTC'))).toBe('2026-03-29T14:30:00.000Z');
	});

	it('moves a time the clocks skipped forward by the skip (02:30 on 29 March 2026 is 03:30 summer time)', () => {
		const skipped = wallClockToEpoch('2026-03-29T02:30', BERLIN)!;
		expect(iso(skipped)).toBe('2026-03-29T01:30:00.000Z');
		expect(epochToWallClock(skipped, BERLIN)).toBe('2026-03-29T03:30');
	});

	it('takes the earlier of a time the clocks pass twice (02:30 on 25 October 2026, still summer time)', () => {
		expect(iso(wallClockToEpoch('2026-10-25T02:30', BERLIN))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(wallClockToEpoch('2026-10-25T03:00', BERLIN))).toBe('2026-10-25T02:00:00.000Z');
		expect(iso(wallClockToEpoch('2026-11-01T01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
	});

	it('refuses what is no date and time', () => {
		for (const value of [
			'2026-02-30T10:00',
			'2026-03-29T24:00',
			'2026-03-29',
			'29.03.2026 14:30',
			'2026-03-29T14:30Z'
		])
			expect(wallClockToEpoch(value, BERLIN), value).toBeNull();
		expect(isWallClock('2026-03-29T14:30:15')).toBe(true);
		expect(isWallClock('2026-03-29T14:30+02:00')).toBe(false);
	});
});

describe('epochToWallClock', () => {
	it("shows an instant as the zone's clock shows it, on both sides of a change", () => {
		expect(epochToWallClock(Date.UTC(2026, 2, 29, 0, 30), BERLIN)).toBe('2026-03-29T01:30');
		expect(epochToWallClock(Date.UTC(2026, 2, 29, 12, 30), BERLIN)).toBe('2026-03-29T14:30');
		expect(epochToWallClock(Date.UTC(2026, 9, 25, 0, 30), BERLIN)).toBe('2026-10-25T02:30');
		expect(epochToWallClock(Date.UTC(2026, 9, 25, 1, 30), BERLIN)).toBe('2026-10-25T02:30');
		expect(toDateTimeLocal(Date.UTC(2026, 2, 29, 12, 30), BERLIN)).toBe('2026-03-29T14:30');
		expect(toDateTimeLocal(null, BERLIN)).toBe('');
	});

	it('gives back every wall clock it was given, through a whole year of Berlin', () => {
		for (let day = 0; day < 365; day++) {
			const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
			for (const time of ['00:15', '01:30', '03:45', '12:00', '23:59']) {
				const wallClock = `${date}T${time}`;
				expect(epochToWallClock(wallClockToEpoch(wallClock, BERLIN)!, BERLIN)).toBe(wallClock);
			}
		}
	});
});

describe('canonicalTimeZone', () => {
	it('accepts the zones Intl knows, in their canonical spelling, and nothing else', () => {
		expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
		expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
		expect(canonicalTimeZone('UTC')).toBe('UTC');
		expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
		expect(Intl.supportedValuesOf('timeZone')).toContain(canonicalTimeZone('Asia/Kolkata'));
		for (const value of ['Mars/Olympus', '+01:00', '', 'Europe/Berlin; DROP TABLE', 42, null, undefined])
			expect(canonicalTimeZone(value), String(value)).toBeNull();
	});
});

describe("formatting in a meeting's zone", () => {
	it('shows the wall clock of the zone and names the zone, wherever the process runs', () => {
		const start = Date.UTC(2026, 2, 29, 12, 30);
		expect(formatDateTime(start, 'de', BERLIN)).toBe('Sonntag, 29. März 2026 um 14:30 MESZ');
		expect(formatShortDateTime(start, 'de', BERLIN)).toBe('29. März 2026, 14:30 MESZ');
		expect(formatShortDateTime(Date.UTC(2026, 2, 28, 13, 30), 'de', BERLIN)).toBe('28. März 2026, 14:30 MEZ');
		expect(formatShortDateTime(start, 'en', BERLIN)).toBe('Mar 29, 2026, 2:30 PM GMT+2');
		expect(timeZoneLabel(BERLIN, 'de')).toBe('Mitteleuropäische Zeit (Europe/Berlin)');
	});
});
