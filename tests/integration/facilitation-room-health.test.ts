/**
 * Room health, for facilitators only: who is connected (a socket or a Yjs
 * connection), who dropped off, whose changes are still on their device, and
 * who joined after the collect step began.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boardWithParticipants, join, type BoardScene, type Participant } from './helpers/flows';
import { connectRecording, type RecordingClient } from './helpers/facilitation';
import { connectSynced, sleep } from './helpers/yjs';
import { useStage } from './helpers/stage';
import type { RoomHealthPayload, RoomHealthPerson } from '../../src/lib/realtime/events';

const stage = useStage();
let owner: BoardScene['owner'];
let amira: Participant;
let bruno: Participant;
let ownerSocket: RecordingClient;

beforeAll(async () => {
	({
		owner,
		participants: [amira, bruno]
	} = await boardWithParticipants(stage.server, 'Amira', 'Bruno'));
	ownerSocket = stage.track(await connectRecording(stage.server, owner.board.id, owner.device.cookie));
});

/** The person `id` as the facilitator sees them in health received after `since`, once `test` holds. */
function personWhen(
	id: string,
	test: (person: RoomHealthPerson) => boolean,
	since = ownerSocket.mark()
): Promise<RoomHealthPerson> {
	return ownerSocket
		.next<RoomHealthPayload>(
			'room:health',
			(health) => health.people.some((p) => p.id === id && test(p)),
			since
		)
		.then((health) => health.people.find((person) => person.id === id)!);
}

describe('room health', () => {
	it('the facilitator receives it on connect: everyone who joined, nobody connected yet', async () => {
		const health = await ownerSocket.next<RoomHealthPayload>('room:health');
		const amiraThere = health.people.find((person) => person.id === amira.id);
		expect(amiraThere).toMatchObject({
			name: 'Amira',
			role: 'participant',
			connected: false,
			droppedAt: null
		});
	});

	it('shows a participant connected by socket, and dropped off once the socket is gone', async () => {
		const since = ownerSocket.mark();
		const socket = await connectRecording(stage.server, owner.board.id, amira.device.cookie);
		expect(await personWhen(amira.id, (p) => p.connected, since)).toMatchObject({
			connected: true,
			droppedAt: null
		});
		const leaving = ownerSocket.mark();
		socket.close();
		const gone = await personWhen(amira.id, (p) => !p.connected, leaving);
		expect(gone.droppedAt).toEqual(expect.any(Number));
	});

	it('counts a Yjs connection without a socket as connected too (a stock client)', async () => {
		const since = ownerSocket.mark();
		const doc = await connectSynced(stage.server, owner.board.id, bruno.device.cookie);
		expect(await personWhen(bruno.id, (p) => p.connected, since)).toMatchObject({ connected: true });
		const leaving = ownerSocket.mark();
		doc.destroy();
		expect((await personWhen(bruno.id, (p) => !p.connected, leaving)).droppedAt).toEqual(expect.any(Number));
	});

	it('shows the changes a device reports as not yet sent', async () => {
		const socket = await connectRecording(stage.server, owner.board.id, amira.device.cookie);
		const since = ownerSocket.mark();
		expect(await socket.emit('device:status', { unsent: 3 })).toEqual({ ok: true });
		expect(await personWhen(amira.id, (p) => p.unsent === 3, since)).toMatchObject({
			connected: true,
			unsent: 3
		});
		expect(await socket.emit('device:status', { unsent: -1 })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input' }
		});
		expect(await socket.emit('device:status', { unsent: 0 })).toEqual({ ok: true });
		await personWhen(amira.id, (p) => p.unsent === 0);
		socket.close();
	});

	it('marks who joined after the collect step began as a late joiner', async () => {
		expect(await ownerSocket.emit('phase:go', { index: 0 })).toEqual({ ok: true });
		await sleep(5);
		const carla = await join(stage.server, owner.board.joinCode, 'Carla');
		const since = ownerSocket.mark();
		const socket = await connectRecording(stage.server, owner.board.id, carla.device.cookie);
		expect(await personWhen(carla.id, (p) => p.connected, since)).toMatchObject({
			late: true,
			joinedAt: expect.any(Number)
		});
		const health = ownerSocket.all<RoomHealthPayload>('room:health').at(-1)!;
		expect(health.people.find((person) => person.id === amira.id)?.late).toBe(false);
		socket.close();
	});

	it('is for facilitators only', async () => {
		const socket = await connectRecording(stage.server, owner.board.id, amira.device.cookie);
		await sleep(800);
		expect(socket.all('room:health')).toEqual([]);
		socket.close();
	});
});
