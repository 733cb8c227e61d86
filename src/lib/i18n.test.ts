import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, extractLocaleFromRequest, locales, overwriteGetLocale } from './paraglide/runtime.js';
import { availableLocales, columnTitle, LANGUAGE_NAMES, languageName, textDirection } from './i18n';

function request(headers: Record<string, string>): Request {
	return new Request('http://localhost/join', { headers });
}

describe('textDirection', () => {
	it.each(['ar', 'fa'])('%s reads right to left', (locale) => {
		expect(textDirection(locale)).toBe('rtl');
	});

	it.each(['de', 'en', 'tr', 'uk', 'ru', 'not-a-language'])('%s reads left to right', (locale) => {
		expect(textDirection(locale)).toBe('ltr');
	});
});

describe('the language switcher', () => {
	it('offers every configured language under its own name', () => {
		expect(availableLocales).toEqual(locales);
		for (const locale of availableLocales) expect(LANGUAGE_NAMES[locale], locale).toBeTruthy();
		expect(LANGUAGE_NAMES.ar).toBe('العربية');
		expect(LANGUAGE_NAMES.uk).toBe('Українська');
	});
});

describe('languageName', () => {
	it('names a language in the reader’s language', () => {
		expect(languageName('ar', 'de')).toBe('Arabisch');
		expect(languageName('de', 'ru')).toBe('немецкий');
		expect(languageName('fa', 'fa')).toBe('فارسی');
	});

	it('answers the tag itself for something that is not a language', () => {
		expect(languageName('!!', 'de')).toBe('!!');
	});
});

describe('which language a request gets', () => {
	it('follows the cookie first, then the browser’s Accept-Language', () => {
		expect(extractLocaleFromRequest(request({ cookie: 'wedo_locale=ar' }))).toBe('ar');
		expect(extractLocaleFromRequest(request({ 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' }))).toBe('fa');
		expect(extractLocaleFromRequest(request({ 'accept-language': 'uk-UA, ru;q=0.8' }))).toBe('uk');
		expect(
			extractLocaleFromRequest(request({ cookie: 'wedo_locale=tr', 'accept-language': 'ru' })),
			'a choice made on this device wins over the browser'
		).toBe('tr');
	});

	it.each([
		['an unknown language in the cookie', { cookie: 'wedo_locale=tlh' }],
		['script in the cookie', { cookie: 'wedo_locale=%3Cscript%3E' }],
		['an unknown language in the header', { 'accept-language': 'tlh, x-klingon;q=0.9' }],
		['a garbled header', { 'accept-language': ';;;,q=,=;q=abc,,' }],
		['an empty header', { 'accept-language': '' }],
		['nothing at all', {}]
	])('falls back to German for %s', (_case, headers: Record<string, string>) => {
		expect(extractLocaleFromRequest(request(headers))).toBe('de');
	});

	it('uses the browser’s language when the cookie names none it knows', () => {
		expect(extractLocaleFromRequest(request({ cookie: 'wedo_locale=tlh', 'accept-language': 'ru-RU' }))).toBe(
			'ru'
		);
	});
});

describe('columnTitle', () => {
	afterEach(() => overwriteGetLocale(() => baseLocale));

	it('shows a column that still has the title it was created with in the reader’s language', () => {
		overwriteGetLocale(() => 'ar');
		expect(columnTitle({ kind: 'challenge', title: 'Herausforderungen' })).toBe('التحديات');
		expect(columnTitle({ kind: 'solution', title: 'Solution ideas' })).toBe('أفكار للحلول');
		overwriteGetLocale(() => 'de');
		expect(columnTitle({ kind: 'challenge', title: 'Проблемы' })).toBe('Herausforderungen');
	});

	it('keeps a title the facilitator wrote, and a template word under another kind of column', () => {
		overwriteGetLocale(() => 'ar');
		expect(columnTitle({ kind: 'challenge', title: 'Unsere Hürden' })).toBe('Unsere Hürden');
		expect(columnTitle({ kind: 'note', title: 'Herausforderungen' })).toBe('Herausforderungen');
	});
});
