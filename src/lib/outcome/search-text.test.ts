import { describe, expect, it } from 'vitest';
import { foldForSearch, searchQuery } from './search-text';

describe('foldForSearch', () => {
	it('folds all spellings of Förderung to one, composed or decomposed', () => {
		const spellings = ['Förderung', 'förderung', 'FÖRDERUNG', 'Foerderung', 'Fo\u0308rderung'];
		expect(new Set(spellings.map(foldForSearch))).toEqual(new Set(['foerderung']));
		expect(foldForSearch('Straße')).toBe('strasse');
		expect(foldForSearch('ÜBER')).toBe('ueber');
	});

	it('keeps Arabic, Persian and Cyrillic as written, apart from letter variants and vowel marks', () => {
		expect(foldForSearch('تمويل')).toBe('تمويل'.replace('ي', 'ی'));
		expect(foldForSearch('كتاب')).toBe(foldForSearch('کتاب'));
		expect(foldForSearch('مُشْكِلة')).toBe(foldForSearch('مشكلة'));
		expect(foldForSearch('Финансирование')).toBe('финансирование');
		expect(foldForSearch('Ёлка')).toBe(foldForSearch('елка'));
	});
});

describe('searchQuery', () => {
	it('quotes every word as a prefix, so nothing typed is FTS5 syntax', () => {
		expect(searchQuery('Förderung für "Vereine" OR NOT *')).toBe(
			'"foerderung"* "fuer"* "vereine"* "or"* "not"*'
		);
		expect(searchQuery('  مشكلة التمويل ')).toBe(
			`"${foldForSearch('مشكلة')}"* "${foldForSearch('التمويل')}"*`
		);
	});

	it('has no query for text without a word', () => {
		expect(searchQuery('')).toBeNull();
		expect(searchQuery(' ?! -- ')).toBeNull();
	});
});
