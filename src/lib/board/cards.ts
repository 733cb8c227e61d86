import * as Y from 'yjs';
import { cardsOf, linksOf, LIMITS, type CardMap } from './schema';
import { isLanguageTag } from './translations';

export interface NewCard {
	id: string;
	columnId: string;
	text: string;
	authorId: string;
	authorName: string | null;
	createdAt: number;
	clusterId?: string | null;
	/** A recommendation's origins: ids of the cards and clusters it was drawn from. */
	sources?: string[];
	/** The language the card is written in: the author's interface language. */
	lang?: string | null;
	/** Translations the card starts with, by language. */
	translations?: Record<string, string>;
}

/** Adds a card; its text is a Y.Text so that later edits merge character by character. */
export function addCard(doc: Y.Doc, card: NewCard): CardMap {
	const map = new Y.Map<unknown>();
	doc.transact(() => {
		map.set('id', card.id);
		map.set('columnId', card.columnId);
		map.set('text', new Y.Text(card.text.slice(0, LIMITS.cardText)));
		map.set('authorId', card.authorId);
		map.set('authorName', card.authorName);
		map.set('createdAt', card.createdAt);
		if (card.clusterId) map.set('clusterId', card.clusterId);
		if (card.sources?.length) map.set('sources', [...card.sources]);
		if (isLanguageTag(card.lang)) map.set('lang', card.lang);
		// Created with the card, so that two people translating it at once do not each create (and one lose) the map.
		const translations = new Y.Map<Y.Text>();
		for (const [lang, text] of Object.entries(card.translations ?? {})) {
			if (isLanguageTag(lang)) translations.set(lang, new Y.Text(text.slice(0, LIMITS.cardText)));
		}
		map.set('translations', translations);
		cardsOf(doc).set(card.id, map);
	});
	return map;
}

export function cardText(doc: Y.Doc, cardId: string): Y.Text | undefined {
	const text = cardsOf(doc).get(cardId)?.get('text');
	return text instanceof Y.Text ? text : undefined;
}

/** Deletes a card together with every link that touches it. */
export function deleteCard(doc: Y.Doc, cardId: string): void {
	doc.transact(() => {
		const links = linksOf(doc);
		for (const [id, link] of links) {
			if (link.get('solutionId') === cardId || link.get('challengeId') === cardId) links.delete(id);
		}
		cardsOf(doc).delete(cardId);
	});
}

/**
 * Turns a textarea's new value into the smallest Y.Text change (one delete and
 * one insert between the common prefix and suffix), so that concurrent edits by
 * a facilitator and the author both survive.
 */
export function applyTextChange(text: Y.Text, next: string): void {
	const previous = text.toString();
	if (previous === next) return;
	let start = 0;
	const shortest = Math.min(previous.length, next.length);
	while (start < shortest && previous[start] === next[start]) start++;
	let endPrevious = previous.length;
	let endNext = next.length;
	while (endPrevious > start && endNext > start && previous[endPrevious - 1] === next[endNext - 1]) {
		endPrevious--;
		endNext--;
	}
	// Never split a surrogate pair: an emoji cut in half would corrupt the text for everyone.
	if (start > 0 && isHighSurrogate(previous.charCodeAt(start - 1))) start--;
	if (endPrevious < previous.length && isLowSurrogate(previous.charCodeAt(endPrevious))) {
		endPrevious++;
		endNext++;
	}
	text.doc!.transact(() => {
		if (endPrevious > start) text.delete(start, endPrevious - start);
		if (endNext > start) text.insert(start, next.slice(start, endNext));
	});
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}
