/**
 * Cards in several languages: a card keeps the language it was written in
 * (`lang`, fixed when it is created) and translations of its text into other
 * languages (`translations`: language → Y.Text), written by whoever may
 * translate it. The server enforces `canTranslate` on every update.
 */
import * as Y from 'yjs';
import { cardsOf, type Card, type CardMap } from './schema';
import { canChangeOwned, type Actor } from './permissions';

/**
 * A language tag such as `de`, `fa`, `ckb` or `pt-BR`. Deliberately narrow:
 * the key of a translation is shown as a label, not free text.
 */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}$/;

export function isLanguageTag(value: unknown): value is string {
	return typeof value === 'string' && LANGUAGE_TAG.test(value);
}

/**
 * The card's author and facilitators may always translate a card; other
 * participants only while the facilitator lets participants act as interpreters.
 */
export function canTranslate(actor: Actor, authorId: string, interpretersAllowed: boolean): boolean {
	return canChangeOwned(actor, authorId) || (actor.role === 'participant' && interpretersAllowed);
}

function translationsOf(doc: Y.Doc, cardId: string): Y.Map<Y.Text> | undefined {
	const translations = cardsOf(doc).get(cardId)?.get('translations');
	return translations instanceof Y.Map ? (translations as Y.Map<Y.Text>) : undefined;
}

export function translationText(doc: Y.Doc, cardId: string, lang: string): Y.Text | undefined {
	const text = translationsOf(doc, cardId)?.get(lang);
	return text instanceof Y.Text ? text : undefined;
}

/**
 * The translation into `lang`, ready for typing: the existing one, or a new empty one.
 * Cards from before translations existed get their `translations` map here.
 */
export function openTranslation(doc: Y.Doc, cardId: string, lang: string): Y.Text | undefined {
	const card = cardsOf(doc).get(cardId);
	if (!card || !isLanguageTag(lang)) return undefined;
	const existing = translationText(doc, cardId, lang);
	if (existing) return existing;
	const text = new Y.Text();
	doc.transact(() => {
		let translations = translationsOf(doc, cardId);
		if (!translations) {
			translations = new Y.Map<Y.Text>();
			card.set('translations', translations);
		}
		translations.set(lang, text);
	});
	return text;
}

/** A translation left empty is removed, so that readers are not shown an empty box. */
export function removeEmptyTranslation(doc: Y.Doc, cardId: string, lang: string): void {
	const text = translationText(doc, cardId, lang);
	if (text && text.toString().trim() === '') translationsOf(doc, cardId)?.delete(lang);
}

/** The non-empty translations of a stored card, by language, for `readCard`. */
export function readTranslations(card: CardMap): Record<string, string> {
	const translations = card.get('translations');
	const result: Record<string, string> = {};
	if (!(translations instanceof Y.Map)) return result;
	// By language, whatever order this copy of the document received them in.
	for (const [lang, text] of [...(translations as Y.Map<unknown>)].sort(([a], [b]) => (a < b ? -1 : 1))) {
		if (!isLanguageTag(lang) || !(text instanceof Y.Text)) continue;
		const value = text.toString();
		if (value.trim() !== '') result[lang] = value;
	}
	return result;
}

/**
 * What a reader sees beside the original: the translation into their language,
 * unless the card was written in it. Null when there is none.
 */
export function translationFor(card: Pick<Card, 'lang' | 'translations'>, readerLang: string): string | null {
	if (card.lang === readerLang) return null;
	return card.translations[readerLang] ?? null;
}
