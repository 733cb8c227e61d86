/** Dates and times in the reader's language and conventions. */
export function formatDateTime(epochMs: number, locale: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(epochMs);
}

export function formatDate(epochMs: number, locale: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(epochMs);
}

export function formatTime(epochMs: number, locale: string): string {
	return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(epochMs);
}

/** Counts and other numbers in the reader's digits and grouping (Persian readers see ۱۲). */
export function formatNumber(value: number, locale: string): string {
	return new Intl.NumberFormat(locale).format(value);
}

/** The value a `datetime-local` input expects, in the device's time zone. */
export function toDateTimeLocal(epochMs: number | null): string {
	if (epochMs === null) return '';
	const date = new Date(epochMs);
	const offset = date.getTimezoneOffset() * 60_000;
	return new Date(epochMs - offset).toISOString().slice(0, 16);
}
