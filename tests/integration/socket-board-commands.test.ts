/** socket.io: the handshake's access check, the welcome, and facilitator-only board commands. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	boardWithParticipants,
	expectStatus,
	facilitatorWithBoard,
	type BoardJson,
	type BoardScene,
	type Participant
} from './helpers/flows';
import { fingerprint } from './helpers/database';
import { connectError, connectSocket, type BoardSocketClient } from './helpers/socket';
import { sleep, waitFor } from './helpers/yjs';
import { useStage } from './helpers/stage';

const stage = useStage();
let owner: BoardScene['owner'];
let participant: Participant;

beforeAll(async () => {
	({
		owner,
		participants: [participant]
	} = await boardWithParticipants(stage.server, 'Amira'));
});

async function boardOverHttp(): Promise<BoardJson> {
	const response = await owner.device.get(`/api/v1/boards/${owner.board.id}`);
	expectStatus(response, 200);
	return response.body.board;
}

describe('handshake', () => {
	it('without a cookie: connect_error "unauthenticated"', async () => {
		const error = await connectError(stage.server, owner.board.id);
		expect(error.message).toBe('unauthenticated');
	});

	it('with a cookie for another board: connect_error "forbidden"', async () => {
		const elsewhere = await facilitatorWithBoard(stage.server);
		expect((await connectError(stage.server, elsewhere.board.id, participant.device.cookie)).message).toBe(
			'forbidden'
		);
		expect((await connectError(stage.server, owner.board.id, elsewhere.device.cookie)).message).toBe(
			'forbidden'
		);
	});

	it('for an unknown board or without a board id: refused', async () => {
		expect((await connectError(stage.server, 'doesnotexist123', owner.device.cookie)).message).toBe(
			'forbidden'
		);
		expect((await connectError(stage.server, undefined, owner.device.cookie)).message).toBe('forbidden');
	});

	it('on connect the client receives session:welcome and board:state', async () => {
		const facilitator = await connectSocket(stage.server, owner.board.id, owner.device.cookie);
		const member = await connectSocket(stage.server, owner.board.id, participant.device.cookie);
		try {
			expect(facilitator.welcome).toEqual({
				role: 'facilitator',
				actorId: owner.user.id,
				actorName: owner.user.name
			});
			expect(member.welcome).toEqual({ role: 'participant', actorId: participant.id, actorName: 'Amira' });
			const board = await boardOverHttp();
			for (const client of [facilitator, member]) {
				expect(client.states[0]).toMatchObject({
					id: board.id,
					title: board.title,
					phase: board.phase,
					locked: board.locked,
					finished: board.finished
				});
			}
		} finally {
			facilitator.close();
			member.close();
		}
	});
});

describe('board commands', () => {
	let facilitator: BoardSocketClient;
	let member: BoardSocketClient;

	beforeAll(async () => {
		facilitator = await stage.socket(owner.board.id, owner.device.cookie);
		member = await stage.socket(owner.board.id, participant.device.cookie);
	});

	it('a participant’s board:lock and board:rename answer forbidden and change nothing', async () => {
		const before = fingerprint(stage.server.databaseFile);
		const boardBefore = await boardOverHttp();
		const statesBefore = facilitator.states.length;

		const lock = await member.emit('board:lock', { locked: true });
		expect(lock).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
		const rename = await member.emit('board:rename', { title: 'Gekapert' });
		expect(rename).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });

		await sleep(200);
		expect(facilitator.states.length).toBe(statesBefore);
		expect(await boardOverHttp()).toEqual(boardBefore);
		expect(fingerprint(stage.server.databaseFile)).toEqual(before);
	});

	it('the facilitator’s rename is broadcast as board:state and stored', async () => {
		const ack = await facilitator.emit('board:rename', { title: 'Verkehr & Mobilität' });
		expect(ack).toMatchObject({ ok: true });
		const state = await waitFor(
			() => member.states.find((candidate) => candidate.title === 'Verkehr & Mobilität'),
			'the rename at the participant'
		);
		expect(state).toMatchObject({ id: owner.board.id, locked: false });
		expect((await boardOverHttp()).title).toBe('Verkehr & Mobilität');
		const asParticipant = await participant.device.get(`/api/v1/boards/${owner.board.id}`);
		expect(asParticipant.body.board.title).toBe('Verkehr & Mobilität');
	});

	it('the facilitator’s lock is broadcast and shows in GET /boards/:id; unlocking too', async () => {
		expect(await facilitator.emit('board:lock', { locked: true })).toMatchObject({ ok: true });
		await waitFor(() => member.states.at(-1)?.locked === true, 'the lock at the participant');
		expect((await boardOverHttp()).locked).toBe(true);
		expect(await facilitator.emit('board:lock', { locked: false })).toMatchObject({ ok: true });
		await waitFor(() => member.states.at(-1)?.locked === false, 'the unlock at the participant');
		expect((await boardOverHttp()).locked).toBe(false);
	});

	it('invalid input answers invalid_input and changes nothing', async () => {
		const before = await boardOverHttp();
		for (const [event, payload] of [
			['board:rename', { title: '' }],
			['board:rename', { title: 'x'.repeat(201) }],
			['board:rename', 'Titel'],
			['board:lock', { locked: 'yes' }]
		] as const) {
			const ack = await facilitator.emit(event, payload);
			expect(ack, `${event} ${JSON.stringify(payload)}`).toEqual({
				ok: false,
				error: { code: 'invalid_input', message: expect.any(String) }
			});
		}
		expect(await boardOverHttp()).toEqual(before);
	});

	it('a facilitator session ended by logout is refused at the next handshake', async () => {
		const other = await facilitatorWithBoard(stage.server);
		const cookie = other.device.cookie;
		(await connectSocket(stage.server, other.board.id, cookie)).close();
		expectStatus(await other.device.post('/api/v1/logout'), 204);
		expect((await connectError(stage.server, other.board.id, cookie)).message).toBe('unauthenticated');
	});
});
