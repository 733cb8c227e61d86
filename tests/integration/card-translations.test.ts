/**
 * Cards in several languages over the real channels: the facilitator lets participants
 * act as interpreters with `board:interpreters` (socket.io); the Yjs endpoint then
 * accepts their translations of others' cards, and refuses them (4422) otherwise.
 * A card's language never changes once it is written.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, applyTextChange } from '../../src/lib/board/cards';
import { newId } from '../../src/lib/board/ids';
import { cardsOf } from '../../src/lib/board/schema';
import { openTranslation } from '../../src/lib/board/translations';
import { boardWithParticipants } from './helpers/flows';
import { columnId, findCard } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { waitFor } from './helpers/yjs';
import { useStage } from './helpers/stage';

const REFUSED = 4422;

const stage = useStage({ closeClients: 'after-each' });

/** A board that Amina and Oleg joined, with a card Amina wrote in Arabic; Oleg would translate it into Russian. */
async function scene() {
	const {
		owner: facilitator,
		board,
		participants: [amina, oleg]
	} = await boardWithParticipants(stage.server, 'Amina', 'Oleg');
	const aminaClient = await stage.yjs(board.id, amina.device.cookie);
	const cardId = newId();
	addCard(aminaClient.doc, {
		id: cardId,
		columnId: columnId(aminaClient.doc, 'challenge'),
		text: 'لا توجد قاعات كافية للقاءاتنا',
		authorId: amina.id,
		authorName: 'Amina',
		createdAt: Date.now(),
		lang: 'ar'
	});
	await aminaClient.flush();
	return { facilitator, board, amina, oleg, aminaClient, cardId };
}

function translate(doc: Y.Doc, cardId: string, lang: string, text: string): void {
	applyTextChange(openTranslation(doc, cardId, lang)!, text);
}

describe('interpreters', () => {
	it('a participant’s translation of someone else’s card is refused while interpreters are not allowed', async () => {
		const s = await scene();
		const olegClient = await stage.yjs(s.board.id, s.oleg.device.cookie);
		translate(olegClient.doc, s.cardId, 'ru', 'Не хватает помещений для встреч');
		expect(await olegClient.closed()).toBe(REFUSED);
		await s.aminaClient.flush();
		expect(findCard(s.aminaClient.doc, s.cardId)!.translations).toEqual({});
		const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
		expect(findCard(stored, s.cardId)!.translations).toEqual({});
		stored.destroy();
	});

	it('once the facilitator allows interpreters, the translation is accepted, shared and stored', async () => {
		const s = await scene();
		const facilitatorSocket = await stage.socket(s.board.id, s.facilitator.device.cookie);
		const olegSocket = await stage.socket(s.board.id, s.oleg.device.cookie);
		expect(olegSocket.states.at(-1)!.interpretersAllowed).toBe(false);

		expect(await facilitatorSocket.emit('board:interpreters', { allowed: true })).toEqual({ ok: true });
		await waitFor(() => olegSocket.states.at(-1)?.interpretersAllowed === true);

		const olegClient = await stage.yjs(s.board.id, s.oleg.device.cookie);
		translate(olegClient.doc, s.cardId, 'ru', 'Не хватает помещений для встреч');
		await olegClient.flush();
		expect(olegClient.closeCodes).toEqual([]);
		await s.aminaClient.flush();
		const seen = findCard(s.aminaClient.doc, s.cardId)!;
		expect(seen.lang).toBe('ar');
		expect(seen.translations).toEqual({ ru: 'Не хватает помещений для встреч' });
		const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
		expect(findCard(stored, s.cardId)!.translations).toEqual({ ru: 'Не хватает помещений для встреч' });
		stored.destroy();

		// Turned off again, the next translation is refused.
		expect(await facilitatorSocket.emit('board:interpreters', { allowed: false })).toEqual({ ok: true });
		await waitFor(() => olegSocket.states.at(-1)?.interpretersAllowed === false);
		translate(olegClient.doc, s.cardId, 'tr', 'Toplantılarımız için yeterli salon yok');
		expect(await olegClient.closed()).toBe(REFUSED);
	});

	it('the author and the facilitator translate without any permission', async () => {
		const s = await scene();
		translate(s.aminaClient.doc, s.cardId, 'de', 'Es gibt nicht genug Räume für unsere Treffen');
		await s.aminaClient.flush();
		const facilitatorClient = await stage.yjs(s.board.id, s.facilitator.device.cookie);
		translate(facilitatorClient.doc, s.cardId, 'en', 'There are not enough rooms for our meetings');
		await facilitatorClient.flush();
		expect([...s.aminaClient.closeCodes, ...facilitatorClient.closeCodes]).toEqual([]);
		await s.aminaClient.flush();
		expect(Object.keys(findCard(s.aminaClient.doc, s.cardId)!.translations).sort()).toEqual(['de', 'en']);
	});

	it('only a facilitator may allow interpreters, and only with a boolean', async () => {
		const s = await scene();
		const olegSocket = await stage.socket(s.board.id, s.oleg.device.cookie);
		expect(await olegSocket.emit('board:interpreters', { allowed: true })).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		const facilitatorSocket = await stage.socket(s.board.id, s.facilitator.device.cookie);
		expect(await facilitatorSocket.emit('board:interpreters', { allowed: 'yes' })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input' }
		});
		const response = await s.facilitator.device.get(`/api/v1/boards/${s.board.id}`);
		expect(response.body.board.interpretersAllowed).toBe(false);
	});
});

describe('the language a card was written in', () => {
	it('cannot be changed afterwards, not even by its author', async () => {
		const s = await scene();
		cardsOf(s.aminaClient.doc).get(s.cardId)!.set('lang', 'de');
		expect(await s.aminaClient.closed()).toBe(REFUSED);
		const stored = readStoredBoard(stage.server.databaseFile, s.board.id);
		expect(findCard(stored, s.cardId)!.lang).toBe('ar');
		stored.destroy();
	});
});
