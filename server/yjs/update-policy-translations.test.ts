/**
 * The server's rules for a card's language and translations: `lang` is fixed when the
 * card is created; translations are written by the author and facilitators, and by other
 * participants only while the facilitator allows interpreters.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type PolicyLimits } from './update-policy';
import { addCard, applyTextChange, cardText, deleteCard } from '../../src/lib/board/cards';
import { readBoard } from '../../src/lib/board/read';
import { cardsOf } from '../../src/lib/board/schema';
import { newTestBoard, testCard } from '../../src/lib/board/testing';
import { openTranslation, translationText } from '../../src/lib/board/translations';
import type { Actor } from '../../src/lib/board/permissions';

type PolicyActor = Actor & { name: string | null };

const amina: PolicyActor = { id: 'amina', role: 'participant', name: 'Amina' };
const oleg: PolicyActor = { id: 'oleg', role: 'participant', name: 'Oleg' };
const facilitator: PolicyActor = { id: 'fatma', role: 'facilitator', name: 'Fatma' };

const limits: PolicyLimits = { maxCardText: 100, maxTitle: 40, maxCards: 10 };
const interpretersAllowed = { interpretersAllowed: true };
const interpretersNotAllowed = { interpretersAllowed: false };

/** The server's document: Amina's card in Arabic, already translated into German. */
function serverBoard() {
	const { doc, challengeColumnId } = newTestBoard();
	const card = testCard({
		columnId: challengeColumnId,
		text: 'لا توجد قاعات',
		authorId: amina.id,
		authorName: amina.name,
		lang: 'ar',
		translations: { de: 'Keine Räume' }
	});
	addCard(doc, card);
	return { server: doc, challengeColumnId, cardId: card.id };
}

/** What a device sends: its copy of the server's document is changed, and the resulting update captured. */
function updateFrom(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const updates: Uint8Array[] = [];
	client.on('update', (update: Uint8Array) => updates.push(update));
	change(client);
	expect(updates.length).toBeGreaterThan(0);
	return Y.mergeUpdates(updates);
}

function check(
	server: Y.Doc,
	actor: PolicyActor,
	change: (client: Y.Doc) => void,
	board = interpretersNotAllowed
) {
	return checkUpdate(server, updateFrom(server, change), actor, limits, board);
}

const accepted = { ok: true };
const refused = (reason: string) => ({ ok: false, reason });

function translateInto(cardId: string, lang: string, text: string) {
	return (client: Y.Doc) => applyTextChange(openTranslation(client, cardId, lang)!, text);
}

function cardField(client: Y.Doc, cardId: string) {
	return cardsOf(client).get(cardId)!;
}

describe('translations: who may write them', () => {
	it('lets the author translate their own card', () => {
		const { server, cardId } = serverBoard();
		expect(check(server, amina, translateInto(cardId, 'ru', 'Нет помещений'))).toEqual(accepted);
	});

	it('lets a facilitator translate any card', () => {
		const { server, cardId } = serverBoard();
		expect(check(server, facilitator, translateInto(cardId, 'tr', 'Salon yok'))).toEqual(accepted);
	});

	it('refuses another participant while interpreters are not allowed, and accepts them once they are', () => {
		const { server, cardId } = serverBoard();
		const translate = translateInto(cardId, 'ru', 'Нет помещений');
		expect(check(server, oleg, translate, interpretersNotAllowed)).toEqual(refused('not_owner'));
		expect(check(server, oleg, translate, interpretersAllowed)).toEqual(accepted);
	});

	it('applies the same rule to correcting and to removing an existing translation', () => {
		const { server, cardId } = serverBoard();
		const correct = translateInto(cardId, 'de', 'Es gibt keine Räume');
		const remove = (client: Y.Doc) =>
			(cardField(client, cardId).get('translations') as Y.Map<Y.Text>).delete('de');
		expect(check(server, oleg, correct)).toEqual(refused('not_owner'));
		expect(check(server, oleg, remove)).toEqual(refused('not_owner'));
		expect(check(server, oleg, correct, interpretersAllowed)).toEqual(accepted);
		expect(check(server, oleg, remove, interpretersAllowed)).toEqual(accepted);
		expect(check(server, amina, remove)).toEqual(accepted);
	});

	it('never lets an interpreter change the original text', () => {
		const { server, cardId } = serverBoard();
		const edit = (client: Y.Doc) => applyTextChange(cardText(client, cardId)!, 'نص آخر');
		expect(check(server, oleg, edit, interpretersAllowed)).toEqual(refused('not_owner'));
	});

	it('lets an author delete their translated card, translations and all', () => {
		const { server, cardId } = serverBoard();
		expect(check(server, amina, (client) => deleteCard(client, cardId))).toEqual(accepted);
	});

	it('gives a card from before translations existed its map, under the same rule', () => {
		const { server, challengeColumnId } = serverBoard();
		const old = testCard({ columnId: challengeColumnId, authorId: amina.id, authorName: amina.name });
		addCard(server, old);
		cardsOf(server).get(old.id)!.delete('translations');
		const translate = translateInto(old.id, 'uk', 'Немає приміщень');
		expect(check(server, oleg, translate)).toEqual(refused('not_owner'));
		expect(check(server, oleg, translate, interpretersAllowed)).toEqual(accepted);
	});

	it('counts a translation against the card text limit', () => {
		const { server, cardId } = serverBoard();
		expect(check(server, amina, translateInto(cardId, 'en', 'x'.repeat(limits.maxCardText)))).toEqual(
			accepted
		);
		expect(check(server, amina, translateInto(cardId, 'en', 'x'.repeat(limits.maxCardText + 1)))).toEqual(
			refused('too_long')
		);
	});
});

describe('translations: the shape stays', () => {
	it('refuses replacing a card’s translations map, which would drop the others’ translations', () => {
		const { server, cardId } = serverBoard();
		const replace = (client: Y.Doc) => cardField(client, cardId).set('translations', new Y.Map());
		expect(check(server, amina, replace)).toEqual(refused('forbidden_field'));
		expect(check(server, facilitator, replace)).toEqual(refused('forbidden_field'));
		const remove = (client: Y.Doc) => cardField(client, cardId).delete('translations');
		expect(check(server, facilitator, remove)).toEqual(refused('forbidden_field'));
	});

	it('refuses a translation under a key that is not a language', () => {
		const { server, cardId } = serverBoard();
		const write = (client: Y.Doc) =>
			(cardField(client, cardId).get('translations') as Y.Map<Y.Text>).set('<img src=x>', new Y.Text('x'));
		expect(check(server, amina, write)).toEqual(refused('forbidden_field'));
	});

	it('refuses a translation that is not a Y.Text', () => {
		const { server, cardId } = serverBoard();
		const write = (client: Y.Doc) =>
			(cardField(client, cardId).get('translations') as Y.Map<unknown>).set('en', 'plain string');
		expect(check(server, facilitator, write)).toEqual(refused('forbidden_field'));
	});

	it('refuses formatting inside a translation: it is plain text like the original', () => {
		const { server, cardId } = serverBoard();
		const format = (client: Y.Doc) => translationText(client, cardId, 'de')!.format(0, 5, { bold: true });
		expect(check(server, amina, format)).toEqual(refused('forbidden_field'));
	});
});

describe('the language a card was written in', () => {
	it('is set with the card and must be a language', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = (lang: unknown) => (client: Y.Doc) => {
			const map = addCard(
				client,
				testCard({ columnId: challengeColumnId, authorId: amina.id, authorName: amina.name })
			);
			map.set('lang', lang);
		};
		expect(check(server, amina, card('fa'))).toEqual(accepted);
		expect(check(server, amina, card('Persian, mostly'))).toEqual(refused('forbidden_field'));
		expect(check(server, amina, card(7))).toEqual(refused('forbidden_field'));
	});

	it('refuses a new card whose translations are not a map', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = (client: Y.Doc) => {
			const map = addCard(
				client,
				testCard({ columnId: challengeColumnId, authorId: amina.id, authorName: amina.name })
			);
			map.set('translations', 'not a map');
		};
		expect(check(server, amina, card)).toEqual(refused('forbidden_field'));
	});

	it('never changes afterwards, not even by a facilitator, and is never removed', () => {
		const { server, cardId, challengeColumnId } = serverBoard();
		const relabel = (client: Y.Doc) => cardField(client, cardId).set('lang', 'de');
		const remove = (client: Y.Doc) => cardField(client, cardId).delete('lang');
		expect(check(server, amina, relabel)).toEqual(refused('forbidden_field'));
		expect(check(server, facilitator, relabel)).toEqual(refused('forbidden_field'));
		expect(check(server, facilitator, remove)).toEqual(refused('forbidden_field'));
		// A card stored without a language does not get one later either.
		const old = testCard({ columnId: challengeColumnId, authorId: amina.id, authorName: amina.name });
		addCard(server, old);
		expect(check(server, amina, (client) => cardField(client, old.id).set('lang', 'ar'))).toEqual(
			refused('forbidden_field')
		);
	});

	it('reads back as written, with the translations beside it', () => {
		const { server, cardId } = serverBoard();
		const update = updateFrom(server, translateInto(cardId, 'ru', 'Нет помещений'));
		expect(checkUpdate(server, update, oleg, limits, interpretersAllowed)).toEqual(accepted);
		Y.applyUpdate(server, update);
		const card = readBoard(server).cards.find((c) => c.id === cardId)!;
		expect(card.lang).toBe('ar');
		expect(card.translations).toEqual({ de: 'Keine Räume', ru: 'Нет помещений' });
	});
});
