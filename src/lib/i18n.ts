import { getLocale, locales, type Locale } from './paraglide/runtime.js';
import { m } from './paraglide/messages.js';
import type { Column, ColumnKind } from './board/schema';

/** Scripts written right to left among the supported languages. */
const RIGHT_TO_LEFT = new Set<string>(['ar', 'fa', 'he', 'ur']);

export function textDirection(locale: string): 'ltr' | 'rtl' {
	return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/** Each language's own name, as its speakers would look for it in a switcher. */
export const LANGUAGE_NAMES: Record<string, string> = {
	de: 'Deutsch',
	en: 'English',
	ar: 'العربية',
	fa: 'فارسی',
	tr: 'Türkçe',
	uk: 'Українська',
	ru: 'Русский'
};

export const availableLocales: readonly Locale[] = locales;

/** A language's name in the reader's language (`ar` → "Arabisch" for a German reader); the tag when unknown. */
export function languageName(tag: string, readerLocale: string): string {
	try {
		return new Intl.DisplayNames([readerLocale], { type: 'language' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}

/** The words the server names new columns with, in the language of whoever creates them. */
const TEMPLATE_TITLES: Partial<Record<ColumnKind, (inputs: object, options: { locale: Locale }) => string>> =
	{
		challenge: m.column_challenges,
		solution: m.column_solutions,
		recommendation: m.column_recommendations
	};

/**
 * A column's title for this reader. A column still named as it was created ("Herausforderungen",
 * made by a German facilitator) reads in the reader's language ("التحديات"); a title the
 * facilitator wrote themselves stays as written.
 */
export function columnTitle(column: Pick<Column, 'title' | 'kind'>): string {
	const title = TEMPLATE_TITLES[column.kind];
	if (!title || !locales.some((locale) => title({}, { locale }) === column.title)) return column.title;
	return title({}, { locale: getLocale() });
}
