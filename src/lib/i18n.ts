import { locales, type Locale } from './paraglide/runtime.js';

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
