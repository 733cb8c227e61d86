import { epochToWallClock } from './time-zone';

/**
 * Dates and times in the reader's language and conventions. Given a time zone (a
 * meeting's, see time-zone.ts), a time is that zone's and names it ("18:00 MEZ"),
 * so the server, whatever zone it runs in, and every reader show the same time;
 * without one, it is the device's own (times on the live board).
 */
export function formatDateTime(epochMs: number, locale: string, timeZone?: string): string {
	if (timeZone === undefined)
		return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(epochMs);
	// `dateStyle` cannot name the zone: the same fields, spelled out.
	return new Intl.DateTimeFormat(locale, {
		weekday: 'long',
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone,
		timeZoneName: 'short'
	}).format(epochMs);
}

/** A date and time in a zone, compact, for lists and exports: "14. März 2026, 18:00 MEZ". */
export function formatShortDateTime(epochMs: number, locale: string, timeZone: string): string {
	return new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone,
		timeZoneName: 'short'
	}).format(epochMs);
}

/** A day; in a zone, the day it is there. */
export function formatDate(epochMs: number, locale: string, timeZone?: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(epochMs);
}

/** A zone as a reader knows it, with its exact name: "Mitteleuropäische Zeit (Europe/Berlin)". */
export function timeZoneLabel(timeZone: string, locale: string): string {
	// A generic name ("Central European Time") is the same in summer and winter; ICU needs a date of today's rules.
	const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
		.formatToParts(Date.now())
		.find((part) => part.type === 'timeZoneName')?.value;
	return name && name !== timeZone ? `${name} (${timeZone})` : timeZone;
}

/**
 * One formatter per locale: every card shows its time, and building a formatter
 * costs far more than using one (it was most of the board page's server render).
 */
const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatTime(epochMs: number, locale: string): string {
	let format = timeFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
		timeFormats.set(locale, format);
	}
	return format.format(epochMs);
}

/** Counts and other numbers in the reader's digits and grouping (Persian readers see ۱۲). */
export function formatNumber(value: number, locale: string): string {
	return new Intl.NumberFormat(locale).format(value);
}

/** The value a `datetime-local` input expects: the wall clock in the meeting's zone. */
export function toDateTimeLocal(epochMs: number | null, timeZone: string): string {
	return epochMs === null ? '' : epochToWallClock(epochMs, timeZone);
}
