import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard } from './cards';
import { readBoard } from './read';
import { cardsOf } from './schema';
import { addTestCard, newTestBoard, testCard } from './testing';
import {
	canTranslate,
	isLanguageTag,
	openTranslation,
	removeEmptyTranslation,
	translationFor,
	translationText
} from './translations';
import type { Actor } from './permissions';

const author: Actor = { id: 'amina', role: 'participant' };
const other: Actor = { id: 'leyla', role: 'participant' };
const facilitator: Actor = { id: 'fatma', role: 'facilitator' };
const viewer: Actor = { id: 'vera', role: 'viewer' };

describe('isLanguageTag', () => {
	it.each(['de', 'ar', 'fa', 'ckb', 'pt-BR', 'zh-Hant', 'sr-Latn-RS'])('accepts %s', (tag) => {
		expect(isLanguageTag(tag)).toBe(true);
	});

	it.each(['', 'D', 'DE', 'german', 'de_DE', 'de-', '<b>', 'de-DE-x-very-long-private', 42, null])(
		'refuses %s',
		(tag) => {
			expect(isLanguageTag(tag)).toBe(false);
		}
	);
});

describe('canTranslate', () => {
	it('lets the author and facilitators translate, always', () => {
		expect(canTranslate(author, author.id, false)).toBe(true);
		expect(canTranslate(facilitator, author.id, false)).toBe(true);
	});

	it('lets other participants translate only while interpreters are allowed', () => {
		expect(canTranslate(other, author.id, false)).toBe(false);
		expect(canTranslate(other, author.id, true)).toBe(true);
	});

	it('never lets a viewer translate', () => {
		expect(canTranslate(viewer, author.id, true)).toBe(false);
		expect(canTranslate(viewer, viewer.id, true)).toBe(false);
	});
});

describe('cards with a language and translations', () => {
	it('keeps the language the card was written in and reads non-empty translations', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const id = addTestCard(doc, { columnId: challengeColumnId, text: 'Zu wenig Räume', lang: 'de' });
		openTranslation(doc, id, 'ar')!.insert(0, 'قاعات قليلة جدًا');
		openTranslation(doc, id, 'ru');
		const [card] = readBoard(doc).cards;
		expect(card.lang).toBe('de');
		expect(card.translations).toEqual({ ar: 'قاعات قليلة جدًا' });
	});

	it('reuses an existing translation instead of replacing it', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const id = addTestCard(doc, { columnId: challengeColumnId, translations: { en: 'Too few rooms' } });
		const text = openTranslation(doc, id, 'en');
		expect(text).toBe(translationText(doc, id, 'en'));
		expect(text!.toString()).toBe('Too few rooms');
	});

	it('merges translations into different languages written at once on two devices', () => {
		const { doc: a, challengeColumnId } = newTestBoard();
		const id = addTestCard(a, { columnId: challengeColumnId, lang: 'de' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		openTranslation(a, id, 'tr')!.insert(0, 'Çok az oda');
		openTranslation(b, id, 'uk')!.insert(0, 'Замало приміщень');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readBoard(a).cards[0].translations).toEqual({ tr: 'Çok az oda', uk: 'Замало приміщень' });
		expect(readBoard(b).cards[0].translations).toEqual(readBoard(a).cards[0].translations);
	});

	it('gives a card from before translations existed its translations map on first use', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const id = addTestCard(doc, { columnId: challengeColumnId });
		cardsOf(doc).get(id)!.delete('translations');
		expect(readBoard(doc).cards[0].translations).toEqual({});
		openTranslation(doc, id, 'fa')!.insert(0, 'اتاق کم است');
		expect(readBoard(doc).cards[0].translations).toEqual({ fa: 'اتاق کم است' });
	});

	it('refuses to open a translation into something that is not a language, or of a missing card', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const id = addTestCard(doc, { columnId: challengeColumnId });
		expect(openTranslation(doc, id, 'not a language')).toBeUndefined();
		expect(openTranslation(doc, 'missing', 'en')).toBeUndefined();
	});

	it('removes a translation that was left empty, and keeps one with words', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const id = addTestCard(doc, { columnId: challengeColumnId });
		openTranslation(doc, id, 'en')!.insert(0, '  ');
		openTranslation(doc, id, 'ar')!.insert(0, 'نص');
		removeEmptyTranslation(doc, id, 'en');
		removeEmptyTranslation(doc, id, 'ar');
		expect(translationText(doc, id, 'en')).toBeUndefined();
		expect(translationText(doc, id, 'ar')!.toString()).toBe('نص');
	});

	it('ignores translations under keys that are not languages or that are not texts', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const map = addCard(doc, testCard({ columnId: challengeColumnId }));
		const translations = map.get('translations') as Y.Map<unknown>;
		translations.set('<script>', new Y.Text('x'));
		translations.set('en', 'a plain string');
		expect(readBoard(doc).cards[0].translations).toEqual({});
	});
});

describe('translationFor', () => {
	const card = { lang: 'ar', translations: { de: 'Zu wenig Räume', ru: 'Мало помещений' } };

	it('shows the translation into the reader’s language', () => {
		expect(translationFor(card, 'de')).toBe('Zu wenig Räume');
		expect(translationFor(card, 'ru')).toBe('Мало помещений');
	});

	it('shows nothing to a reader of the original language or when no translation exists', () => {
		expect(translationFor(card, 'ar')).toBeNull();
		expect(translationFor(card, 'tr')).toBeNull();
		expect(translationFor({ lang: null, translations: {} }, 'de')).toBeNull();
	});
});
