/**
 * The spotlight: a card or a cluster that exists on the live board, stored,
 * broadcast to every device and sent to each one that connects.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../src/lib/board/clusters';
import type { Participant } from './helpers/flows';
import { writeCard } from './helpers/board';
import { fingerprint } from './helpers/database';
import {
	commandReceived,
	connectRecording,
	facilitatedBoard,
	type FacilitatedBoard,
	type RecordingClient
} from './helpers/facilitation';
import { useStage } from './helpers/stage';
import type { YjsClient } from './helpers/yjs';
import type { SpotlightTarget } from '../../src/lib/realtime/events';

type SpotlightState = { spotlight: SpotlightTarget | null };

const stage = useStage();
let owner: FacilitatedBoard['owner'];
let amira: Participant;
let ownerSocket: RecordingClient;
let amiraSocket: RecordingClient;
let ownerDoc: YjsClient;
let cardId: string;

beforeAll(async () => {
	({ owner, amira, ownerSocket, amiraSocket } = await facilitatedBoard(stage));
	ownerDoc = await stage.yjs(owner.board.id, owner.device.cookie);
	const amiraDoc = await stage.yjs(owner.board.id, amira.device.cookie);
	cardId = writeCard(amiraDoc.doc, amira, 'challenge', 'Zu wenig Räume');
	await amiraDoc.flush();
});

function spotlight(event: string, payload: unknown): Promise<SpotlightState> {
	return commandReceived(ownerSocket, event, payload, amiraSocket, 'spotlight:state');
}

describe('spotlight', () => {
	it('a device learns on connect that nothing is in the spotlight', async () => {
		expect(await amiraSocket.next('spotlight:state')).toEqual({ spotlight: null });
	});

	it('a card: every device receives it, and a device connecting later too', async () => {
		expect(await spotlight('spotlight:set', { kind: 'card', id: cardId })).toEqual({
			spotlight: { kind: 'card', id: cardId }
		});
		const late = await connectRecording(stage.server, owner.board.id, amira.device.cookie);
		expect(await late.next('spotlight:state')).toEqual({ spotlight: { kind: 'card', id: cardId } });
		late.close();
	});

	it('a cluster of the live board', async () => {
		createCluster(ownerDoc.doc, {
			id: 'theme-rooms',
			title: 'Räume',
			columnId: null,
			authorId: owner.user.id,
			createdAt: Date.now()
		});
		await ownerDoc.flush();
		expect(await spotlight('spotlight:set', { kind: 'cluster', id: 'theme-rooms' })).toEqual({
			spotlight: { kind: 'cluster', id: 'theme-rooms' }
		});
	});

	it('an unknown card or cluster answers not_found; bad input invalid_input; nothing changes', async () => {
		const stored = fingerprint(stage.server.databaseFile);
		for (const target of [
			{ kind: 'card', id: 'nosuchcard' },
			{ kind: 'cluster', id: 'nosuchcluster' },
			// A card's id is no cluster's, and the other way round.
			{ kind: 'cluster', id: cardId },
			{ kind: 'card', id: 'theme-rooms' }
		]) {
			expect(await ownerSocket.emit('spotlight:set', target), JSON.stringify(target)).toEqual({
				ok: false,
				error: { code: 'not_found', message: expect.any(String) }
			});
		}
		for (const target of [{ kind: 'link', id: cardId }, { kind: 'card', id: '' }, { kind: 'card' }, 'card']) {
			expect(await ownerSocket.emit('spotlight:set', target), JSON.stringify(target)).toMatchObject({
				ok: false,
				error: { code: 'invalid_input' }
			});
		}
		expect(fingerprint(stage.server.databaseFile)).toEqual(stored);
	});

	it('clear: every device receives that nothing is in the spotlight any more', async () => {
		expect(await spotlight('spotlight:clear', {})).toEqual({ spotlight: null });
		const late = await connectRecording(stage.server, owner.board.id, amira.device.cookie);
		expect(await late.next('spotlight:state')).toEqual({ spotlight: null });
		late.close();
	});
});
