/** The Yjs channel with the stock y-websocket client: the document's shape and live collaboration. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, cardText } from '../../src/lib/board/cards';
import { linkCards } from '../../src/lib/board/links';
import { readBoard } from '../../src/lib/board/read';
import { boardWithParticipants, facilitatorWithBoard, join } from './helpers/flows';
import { authorOf, findCard, writeCard } from './helpers/board';
import { waitFor } from './helpers/yjs';
import { useStage } from './helpers/stage';

const stage = useStage({ closeClients: 'after-each' });

describe('the board document', () => {
	it('has the contract’s columns from the start: one challenge and one solution column, no cards', async () => {
		const {
			owner: { device },
			board,
			participants: [participant]
		} = await boardWithParticipants(stage.server, 'Pia');
		for (const cookie of [device.cookie, participant.device.cookie]) {
			const { doc } = await stage.yjs(board.id, cookie);
			const columns = doc.getArray('columns');
			expect(columns.length).toBe(2);
			const maps = columns.toArray();
			for (const column of maps) {
				expect(column).toBeInstanceOf(Y.Map);
				const map = column as Y.Map<unknown>;
				expect(typeof map.get('id')).toBe('string');
				expect((map.get('id') as string).length).toBeGreaterThan(0);
				expect(typeof map.get('title')).toBe('string');
			}
			const kinds = maps.map((column) => (column as Y.Map<unknown>).get('kind')).sort();
			expect(kinds).toEqual(['challenge', 'solution']);
			expect(doc.getMap('cards').size).toBe(0);
		}
	});

	it('every device sees the same columns (created once, on the server)', async () => {
		const { device, board } = await facilitatorWithBoard(stage.server);
		const first = await stage.yjs(board.id, device.cookie);
		const second = await stage.yjs(board.id, (await join(stage.server, board.joinCode, 'Pia')).device.cookie);
		expect(readBoard(second.doc).columns).toEqual(readBoard(first.doc).columns);
	});
});

describe('live collaboration', () => {
	it('a facilitator and a participant see each other’s cards, text edits and links live', async () => {
		const {
			owner: facilitator,
			board,
			participants: [participant]
		} = await boardWithParticipants(stage.server, 'Amira');
		const facilitatorClient = await stage.yjs(board.id, facilitator.device.cookie);
		const participantClient = await stage.yjs(board.id, participant.device.cookie);

		const challengeId = writeCard(participantClient.doc, participant, 'challenge', 'Busse fahren zu selten');
		const seen = await waitFor(
			() => findCard(facilitatorClient.doc, challengeId),
			'the card at the facilitator'
		);
		expect(seen).toMatchObject({
			text: 'Busse fahren zu selten',
			authorId: participant.id,
			authorName: 'Amira'
		});
		const stored = facilitatorClient.doc.getMap('cards').get(challengeId) as Y.Map<unknown>;
		expect(stored.get('text')).toBeInstanceOf(Y.Text);
		expect(typeof stored.get('createdAt')).toBe('number');

		const solutionId = writeCard(facilitatorClient.doc, authorOf(facilitator), 'solution', 'Takt verdichten');
		await waitFor(() => findCard(participantClient.doc, solutionId), 'the card at the participant');
		expect(findCard(participantClient.doc, solutionId)?.authorId).toBe(facilitator.user.id);

		applyTextChange(cardText(participantClient.doc, challengeId)!, 'Busse fahren abends zu selten');
		await waitFor(
			() => findCard(facilitatorClient.doc, challengeId)?.text === 'Busse fahren abends zu selten',
			'the text edit at the facilitator'
		);

		const linked = linkCards(participantClient.doc, {
			solutionId,
			challengeId,
			authorId: participant.id,
			createdAt: Date.now()
		});
		expect(linked).toBe(true);
		await waitFor(() => readBoard(facilitatorClient.doc).links.length === 1, 'the link at the facilitator');
		expect(readBoard(facilitatorClient.doc).links[0]).toMatchObject({ solutionId, challengeId });
		expect(readBoard(facilitatorClient.doc)).toEqual(readBoard(participantClient.doc));
	});

	it('two participants see each other’s cards, and a later device receives everything on connect', async () => {
		const {
			board,
			participants: [amira, bruno]
		} = await boardWithParticipants(stage.server, 'Amira', null);
		const amiraClient = await stage.yjs(board.id, amira.device.cookie);
		const brunoClient = await stage.yjs(board.id, bruno.device.cookie);

		const fromAmira = writeCard(amiraClient.doc, amira, 'challenge', 'Kein Treffpunkt für Jugendliche');
		const fromBruno = writeCard(brunoClient.doc, bruno, 'solution', 'Jugendcafé im Gemeindehaus');
		await waitFor(() => findCard(amiraClient.doc, fromBruno), 'Bruno’s card at Amira');
		await waitFor(() => findCard(brunoClient.doc, fromAmira), 'Amira’s card at Bruno');
		expect(findCard(amiraClient.doc, fromBruno)?.authorName).toBeNull();

		// A device that connects later receives the whole board in its first sync.
		const latecomer = await stage.yjs(
			board.id,
			(await join(stage.server, board.joinCode, 'Cem')).device.cookie
		);
		expect(readBoard(latecomer.doc)).toEqual(readBoard(amiraClient.doc));
	});

	it('presence (awareness) reaches the other devices; a presence naming someone else does not', async () => {
		const {
			board,
			participants: [amira, bruno]
		} = await boardWithParticipants(stage.server, 'Amira', 'Bruno');
		const amiraClient = await stage.yjs(board.id, amira.device.cookie);
		const brunoClient = await stage.yjs(board.id, bruno.device.cookie);
		const amiraId = amiraClient.doc.clientID;

		amiraClient.provider.awareness.setLocalStateField('user', { id: amira.id, name: 'Amira' });
		const seen = await waitFor(
			() => brunoClient.provider.awareness.getStates().get(amiraId) as { user?: { id: string } } | undefined,
			'Amira’s presence at Bruno'
		);
		expect(seen.user).toEqual({ id: amira.id, name: 'Amira' });

		brunoClient.provider.awareness.setLocalStateField('user', { id: amira.id, name: 'Amira' });
		await brunoClient.flush();
		await amiraClient.flush();
		const forged = amiraClient.provider.awareness.getStates().get(brunoClient.doc.clientID) as
			{ user?: { id: string } } | undefined;
		expect(forged?.user?.id).not.toBe(amira.id);
	});
});
