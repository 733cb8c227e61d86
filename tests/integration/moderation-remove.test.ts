/**
 * Moderation over socket.io: the facilitator lists who joined and removes a
 * participant — their connections close at once and there is no way back.
 */
import { describe, expect, it } from 'vitest';
import { expectError, expectStatus, facilitatorWithBoard, join } from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { moderationScene } from './helpers/moderation';
import { useStage } from './helpers/stage';
import { connectError } from './helpers/socket';
import { rawConnect, sleep, waitFor } from './helpers/yjs';

const stage = useStage({ closeClients: 'after-each' });

describe('participants:list', () => {
	it('names everyone who joined, with organisation, whether they are online, and who was removed', async () => {
		const s = await moderationScene(stage);
		const { owner } = s;
		const anonymous = await join(stage.server, owner.board.joinCode, null);
		// Joining again from the same device updates the name and organisation.
		const rejoined = await s.amira.device.post('/api/v1/join', {
			code: owner.board.joinCode,
			name: 'Amira',
			organisation: 'Frauen im Quartier'
		});
		expectStatus(rejoined, 200);
		await stage.yjs(owner.board.id, s.amira.device.cookie);
		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: s.mallory.id })).toEqual({
			ok: true
		});

		const listed = await s.facilitatorSocket.emit('participants:list', {});
		expect(listed).toEqual({
			ok: true,
			participants: [
				{
					id: s.amira.id,
					name: 'Amira',
					organisation: 'Frauen im Quartier',
					role: 'participant',
					removed: false,
					online: true
				},
				{
					id: s.mallory.id,
					name: 'Mallory',
					organisation: null,
					role: 'participant',
					removed: true,
					online: false
				},
				{
					id: anonymous.id,
					name: null,
					organisation: null,
					role: 'participant',
					removed: false,
					online: false
				}
			]
		});
	});
});

describe('participant:remove', () => {
	it('closes the participant’s connections at once (4410, final) and keeps them out for good', async () => {
		const s = await moderationScene(stage);
		const { owner, mallory } = s;
		const amiraClient = await stage.yjs(owner.board.id, s.amira.device.cookie);
		const malloryClient = await stage.yjs(owner.board.id, mallory.device.cookie);
		const mallorySocket = await stage.socket(owner.board.id, mallory.device.cookie);
		const socketGone = new Promise<string>((resolve) => mallorySocket.socket.on('disconnect', resolve));

		expect(await s.facilitatorSocket.emit('participant:remove', { participantId: mallory.id })).toEqual({
			ok: true
		});
		expect(await malloryClient.closed()).toBe(4410);
		expect(await socketGone).toBe('io server disconnect');
		await sleep(600);
		expect(malloryClient.closeCodes).toEqual([4410]);
		expect(malloryClient.provider.wsconnected).toBe(false);

		// No way back: not on the Yjs channel, not on socket.io, not over HTTP, not by joining again.
		expect((await rawConnect(stage.server, owner.board.id, mallory.device.cookie)).code).toBe(4403);
		expect((await connectError(stage.server, owner.board.id, mallory.device.cookie)).message).toBe(
			'forbidden'
		);
		expectError(await mallory.device.get(`/api/v1/boards/${owner.board.id}`), 403, 'forbidden');
		expect((await mallory.device.get(`/boards/${owner.board.id}`)).status).toBe(403);
		expectError(
			await mallory.device.post('/api/v1/join', { code: owner.board.joinCode, name: 'Neu' }),
			403,
			'forbidden'
		);

		// Everyone else carries on.
		await amiraClient.flush();
		expect(amiraClient.closeCodes).toEqual([]);
		const cardId = writeCard(amiraClient.doc, s.amira, 'challenge', 'Weiter');
		const check = await stage.yjs(owner.board.id, owner.device.cookie);
		await waitFor(() => findCard(check.doc, cardId), 'Amira’s card after the removal');
	});

	it('answers not_found for someone who is not on this board, invalid_input for a malformed id', async () => {
		const s = await moderationScene(stage);
		const elsewhere = await facilitatorWithBoard(stage.server);
		const stranger = await join(stage.server, elsewhere.board.joinCode, 'Fremd');
		for (const participantId of [stranger.id, 'doesnotexist']) {
			const ack = await s.facilitatorSocket.emit('participant:remove', { participantId });
			expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
		}
		for (const input of [{}, { participantId: 42 }, { participantId: '' }, null]) {
			const ack = await s.facilitatorSocket.emit('participant:remove', input);
			expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		}
		// The stranger is still on their own board.
		expectStatus(await stranger.device.get(`/api/v1/boards/${elsewhere.board.id}`), 200);
	});
});
