/**
 * Moderation over socket.io: the facilitator undoes everything one participant
 * did — also after the log was compacted and the server restarted, and for the
 * cards they wrote privately.
 */
import { describe, expect, it } from 'vitest';
import { applyTextChange, cardText } from '../../src/lib/board/cards';
import { linkCards, unlinkCards } from '../../src/lib/board/links';
import { readBoard } from '../../src/lib/board/read';
import { linkId, linksOf } from '../../src/lib/board/schema';
import { draftRoomName } from '../../src/lib/server/draft-store';
import { facilitatorWithBoard, join } from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { moderationScene } from './helpers/moderation';
import { useStage } from './helpers/stage';
import { sleep, waitFor } from './helpers/yjs';
import { startServer } from './helpers/server';

// Compaction after every few updates: undo must still find everything in the log.
const env = { COMPACT_AFTER_UPDATES: '5', UNLOAD_IDLE_MS: '200' };

const stage = useStage({ env, closeClients: 'after-each' });

describe('participant:undo', () => {
	it('removes what the participant added, restores what they deleted, keeps everyone else’s work', async () => {
		const s = await moderationScene(stage);
		const { owner, amira, mallory } = s;
		const facilitator = { id: owner.user.id, name: owner.user.name };
		const amiraClient = await stage.yjs(owner.board.id, amira.device.cookie);
		const malloryClient = await stage.yjs(owner.board.id, mallory.device.cookie);

		const amiraChallenge = writeCard(amiraClient.doc, amira, 'challenge', 'Kein Raum für Treffen');
		const facilitatorClient = await stage.yjs(owner.board.id, owner.device.cookie);
		const facilitatorCard = writeCard(facilitatorClient.doc, facilitator, 'solution', 'Gemeindesaal fragen');
		const spam = writeCard(malloryClient.doc, mallory, 'challenge', 'Alles Unsinn');
		const spamSolution = writeCard(malloryClient.doc, mallory, 'solution', 'Noch mehr Unsinn');
		await malloryClient.flush();
		applyTextChange(cardText(malloryClient.doc, spam)!, 'Alles Unsinn!!!');
		linkCards(malloryClient.doc, {
			solutionId: spamSolution,
			challengeId: amiraChallenge,
			authorId: mallory.id,
			createdAt: 1
		});
		// Amira answers Mallory's challenge with a link; Mallory, author of that card, takes it away.
		await waitFor(() => findCard(amiraClient.doc, spam), 'Mallory’s card at Amira');
		const amiraSolution = writeCard(amiraClient.doc, amira, 'solution', 'Sprechen wir darüber');
		linkCards(amiraClient.doc, {
			solutionId: amiraSolution,
			challengeId: spam,
			authorId: amira.id,
			createdAt: 2
		});
		const amiraLink = linkId(amiraSolution, spam);
		await amiraClient.flush();
		await waitFor(() => linksOf(malloryClient.doc).has(amiraLink), 'Amira’s link at Mallory');
		unlinkCards(malloryClient.doc, amiraLink);
		await malloryClient.flush();
		// Amira keeps working afterwards; her later edit must survive the undo.
		applyTextChange(cardText(amiraClient.doc, amiraChallenge)!, 'Kein Raum für Treffen am Abend');
		await amiraClient.flush();
		await facilitatorClient.flush();
		expect(linksOf(facilitatorClient.doc).has(amiraLink)).toBe(false);
		malloryClient.destroy();

		const ack = await s.facilitatorSocket.emit('participant:undo', { participantId: mallory.id });
		expect(ack).toMatchObject({ ok: true, reverted: expect.any(Number) });
		expect((ack as unknown as { reverted: number }).reverted).toBeGreaterThanOrEqual(4);

		await waitFor(() => !findCard(amiraClient.doc, spam), 'the undo at Amira');
		for (const client of [amiraClient, facilitatorClient]) {
			await client.flush();
			const board = readBoard(client.doc);
			expect(board.cards.map((card) => card.id).sort()).toEqual(
				[amiraChallenge, facilitatorCard, amiraSolution].sort()
			);
			expect(findCard(client.doc, amiraChallenge)?.text).toBe('Kein Raum für Treffen am Abend');
			expect(board.links).toEqual([]);
			// What Mallory deleted is back in the document (it links to her card, which is gone, so it is not shown).
			expect(linksOf(client.doc).has(amiraLink)).toBe(true);
			expect(linksOf(client.doc).has(linkId(spamSolution, amiraChallenge))).toBe(false);
		}
		const stored = readStoredBoard(stage.server.databaseFile, owner.board.id);
		expect(readBoard(stored)).toEqual(readBoard(facilitatorClient.doc));
		stored.destroy();

		// A second undo finds nothing left to change.
		const before = readBoard(facilitatorClient.doc);
		expect(await s.facilitatorSocket.emit('participant:undo', { participantId: mallory.id })).toMatchObject({
			ok: true
		});
		await facilitatorClient.flush();
		expect(readBoard(facilitatorClient.doc)).toEqual(before);
	});

	it('works on a board nobody has open, after compactions and a restart, and after the removal', async () => {
		const s = await moderationScene(stage);
		const { owner, amira, mallory } = s;
		const amiraClient = await stage.yjs(owner.board.id, amira.device.cookie);
		const malloryClient = await stage.yjs(owner.board.id, mallory.device.cookie);
		const kept = writeCard(amiraClient.doc, amira, 'challenge', 'Bleibt');
		const spam: string[] = [];
		for (let i = 0; i < 12; i++) {
			spam.push(writeCard(malloryClient.doc, mallory, i % 2 ? 'solution' : 'challenge', `Spam ${i}`));
			await sleep(5);
		}
		await malloryClient.flush();
		await amiraClient.flush();
		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: mallory.id })).toEqual({
			ok: true
		});
		stage.closeClients();

		expect((await stage.server.stop()).code).toBe(0);
		stage.server = await startServer({ dataDir: stage.server.dataDir, env });
		owner.device.baseUrl = stage.server.url;
		const facilitatorSocket = await stage.socket(owner.board.id, owner.device.cookie);
		const ack = await facilitatorSocket.emit('participant:undo', { participantId: mallory.id });
		expect(ack).toMatchObject({ ok: true, reverted: 12 });

		const check = await stage.yjs(owner.board.id, owner.device.cookie);
		expect(readBoard(check.doc).cards.map((card) => card.id)).toEqual([kept]);
		for (const id of spam) expect(findCard(check.doc, id)).toBeUndefined();
		const stored = readStoredBoard(stage.server.databaseFile, owner.board.id);
		expect(readBoard(stored).cards.map((card) => card.id)).toEqual([kept]);
		stored.destroy();
	});

	it('also takes back the cards the participant wrote privately, published at the reveal', async () => {
		const s = await moderationScene(stage);
		const { owner, amira, mallory } = s;
		const amiraClient = await stage.yjs(owner.board.id, amira.device.cookie);
		const kept = writeCard(amiraClient.doc, amira, 'challenge', 'Offen geschrieben');
		await amiraClient.flush();
		expect(await s.facilitatorSocket.emit('private:set', { on: true })).toEqual({ ok: true });
		const drafts = await stage.yjs(draftRoomName(owner.board.id, mallory.id), mallory.device.cookie);
		const secret = writeCard(drafts.doc, mallory, 'challenge', 'Heimlicher Unsinn');
		await drafts.flush();
		expect(await s.facilitatorSocket.emit('private:reveal', {})).toMatchObject({ ok: true, published: 1 });
		await waitFor(() => findCard(amiraClient.doc, secret), 'the revealed card at Amira');

		// Removal closes the drafts connection too.
		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: mallory.id })).toEqual({
			ok: true
		});
		expect(await drafts.closed()).toBe(4410);
		expect(await s.facilitatorSocket.emit('participant:undo', { participantId: mallory.id })).toMatchObject({
			ok: true,
			reverted: 1
		});
		await waitFor(() => !findCard(amiraClient.doc, secret), 'the undo of the revealed card at Amira');
		expect(readBoard(amiraClient.doc).cards.map((card) => card.id)).toEqual([kept]);
	});

	it('answers not_found for someone not on this board and changes nothing', async () => {
		const s = await moderationScene(stage);
		const elsewhere = await facilitatorWithBoard(stage.server);
		const stranger = await join(stage.server, elsewhere.board.joinCode, 'Fremd');
		const ack = await s.facilitatorSocket.emit('participant:undo', { participantId: stranger.id });
		expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});
});
