/**
 * Meetings happen in a place: their times are read and written in the meeting's
 * IANA time zone, never in the zone the server process (or a reader's device)
 * happens to run in. A `datetime-local` input has no zone, so what it sends is a
 * wall clock, which the meeting's zone turns into an instant and back.
 * Pure Intl, shared by the browser and the server (which imports it relatively).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let knownZones: Set<string> | undefined;

/** Node 20 leaves `UTC` out of `supportedValuesOf` although every Intl API accepts it. */
function supportedZones(): Set<string> {
	knownZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
	return knownZones;
}

/**
 * The zone's canonical name if `value` names one this runtime knows
 * (`Intl.supportedValuesOf('timeZone')`), else null. Browsers may send another
 * spelling of the same zone (`Asia/Kolkata` for `Asia/Calcutta`, `Etc/UTC`):
 * Intl resolves those to the canonical name first.
 */
export function canonicalTimeZone(value: unknown): string | null {
	if (typeof value !== 'string' || value === '' || value.length > 64) return null;
	let resolved: string;
	try {
		resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
	return supportedZones().has(resolved) ? resolved : null;
}

/** A date and time without a zone, as `datetime-local` sends it: `2026-03-29T14:30`, seconds optional. */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** The wall clock's fields as if it were UTC, or null when it is no real date and time (`2026-02-30T10:00`). */
function wallClockAsUtc(value: string): number | null {
	const match = WALL_CLOCK.exec(value);
	if (!match) return null;
	const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const millisecond = match[7] ? Number(match[7].padEnd(3, '0')) : 0;
	if (hour > 23 || minute > 59 || second > 59) return null;
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, millisecond);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
		return null;
	return date.getTime();
}

/** Whether `value` is written as a wall clock, whether or not that day and time exist. */
export function looksLikeWallClock(value: string): boolean {
	return WALL_CLOCK.test(value);
}

export function isWallClock(value: string): boolean {
	return wallClockAsUtc(value) !== null;
}

const fieldFormats = new Map<string, Intl.DateTimeFormat>();

/** Numeric fields of an instant in a zone, Latin digits and a 24-hour clock whatever the locale. */
function fieldFormat(timeZone: string): Intl.DateTimeFormat {
	let format = fieldFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		fieldFormats.set(timeZone, format);
	}
	return format;
}

/** The zone's wall clock at an instant, as epoch milliseconds of the same fields in UTC. */
function wallClockAt(epochMs: number, timeZone: string): number {
	const fields: Record<string, string> = {};
	for (const part of fieldFormat(timeZone).formatToParts(epochMs)) fields[part.type] = part.value;
	const date = new Date(0);
	date.setUTCFullYear(Number(fields.year), Number(fields.month) - 1, Number(fields.day));
	date.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second), 0);
	return date.getTime() + (((epochMs % 1000) + 1000) % 1000);
}

/** How far the zone's clock is ahead of UTC at an instant (Berlin in summer: two hours). */
function offsetAt(epochMs: number, timeZone: string): number {
	return wallClockAt(epochMs, timeZone) - epochMs;
}

/**
 * The instant a wall clock means in a zone; null when `wallClock` is not one.
 * Around a change of the clocks this follows `Temporal`'s "compatible" rule: a
 * time the clocks skipped (02:30 on the morning summer time starts) is read with
 * the offset from before the change, so it lands as far after the skip (03:30); a
 * time the clocks pass twice (02:30 when summer time ends) is the earlier one.
 */
export function wallClockToEpoch(wallClock: string, timeZone: string): number | null {
	const asUtc = wallClockAsUtc(wallClock);
	if (asUtc === null) return null;
	// Clocks change at most once within a day on either side, so these two offsets are all there are.
	const before = offsetAt(asUtc - DAY_MS, timeZone);
	const after = offsetAt(asUtc + DAY_MS, timeZone);
	const matching = [asUtc - before, asUtc - after]
		.filter((epochMs) => wallClockAt(epochMs, timeZone) === asUtc)
		.sort((a, b) => a - b);
	return matching[0] ?? asUtc - before;
}

/** The zone's wall clock at an instant, as `datetime-local` shows it: `2026-03-29T14:30`. */
export function epochToWallClock(epochMs: number, timeZone: string): string {
	return new Date(wallClockAt(epochMs, timeZone)).toISOString().slice(0, 16);
}
