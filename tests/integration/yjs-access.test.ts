/** Who may open a board's Yjs channel: refusals are final close codes, sent before any Yjs message. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	facilitatorWithBoard,
	join,
	signup,
	type BoardJson,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { Device } from './helpers/http';
import { findCard, writeCard } from './helpers/board';
import { connectSynced, connectYjs, rawConnect, sleep, waitFor } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;
let boardA: Facilitator & { board: BoardJson };
let boardB: Facilitator & { board: BoardJson };
let participantA: Participant;

beforeAll(async () => {
	server = await startServer();
	boardA = await facilitatorWithBoard(server);
	boardB = await facilitatorWithBoard(server);
	participantA = await join(server, boardA.board.joinCode, 'Amira');
});

afterAll(async () => {
	await server?.stop();
});

describe('refused connections', () => {
	it('without a cookie: closed with 4401 before any Yjs message', async () => {
		const outcome = await rawConnect(server, boardA.board.id);
		expect(outcome.code).toBe(4401);
		expect(outcome.messages).toEqual([]);
	});

	it('with a cookie that is no session: 4401', async () => {
		const forged = new Device(server.url);
		forged.setCookie('wedo_session', 'forgedforgedforgedforgedforged12');
		const outcome = await rawConnect(server, boardA.board.id, forged.cookie);
		expect(outcome.code).toBe(4401);
		expect(outcome.messages).toEqual([]);
	});

	it('a participant of board A connecting to board B: 4403, no Yjs message', async () => {
		const outcome = await rawConnect(server, boardB.board.id, participantA.device.cookie);
		expect(outcome.code).toBe(4403);
		expect(outcome.messages).toEqual([]);
	});

	it('a facilitator of another meeting: 4403', async () => {
		const outcome = await rawConnect(server, boardA.board.id, boardB.device.cookie);
		expect(outcome.code).toBe(4403);
		expect(outcome.messages).toEqual([]);
	});

	it('an unknown board: 4404, no Yjs message', async () => {
		const outcome = await rawConnect(server, 'doesnotexist123', boardA.device.cookie);
		expect(outcome.code).toBe(4404);
		expect(outcome.messages).toEqual([]);
		const weird = await rawConnect(server, '..%2F..%2Fetc', boardA.device.cookie);
		expect(weird.code).toBe(4404);
	});

	it('the stock client treats a refusal as final: it never syncs and does not reconnect', async () => {
		const client = connectYjs(server, boardB.board.id, participantA.device.cookie);
		try {
			expect(await client.closed()).toBe(4403);
			await sleep(600);
			expect(client.closeCodes).toEqual([4403]);
			expect(client.provider.synced).toBe(false);
			expect(client.messagesReceived()).toBe(0);
			expect(client.doc.getArray('columns').length).toBe(0);
		} finally {
			client.destroy();
		}
	});

	it('a facilitator’s session after logout no longer opens the board', async () => {
		const facilitator = await signup(server);
		const meeting = await facilitator.device.post('/api/v1/meetings', { title: 'Kurz' });
		const board = await facilitator.device.post(`/api/v1/meetings/${meeting.body.meeting.id}/boards`, {
			title: 'Kurz'
		});
		const cookie = facilitator.device.cookie;
		const before = await connectSynced(server, board.body.board.id, cookie);
		before.destroy();
		await facilitator.device.post('/api/v1/logout');
		expect((await rawConnect(server, board.body.board.id, cookie)).code).toBe(4401);
	});
});

describe('admitted connections', () => {
	it('the facilitator and a joined participant sync the board', async () => {
		for (const cookie of [boardA.device.cookie, participantA.device.cookie]) {
			const client = await connectSynced(server, boardA.board.id, cookie);
			expect(client.doc.getArray('columns').length).toBe(2);
			expect(client.closeCodes).toEqual([]);
			client.destroy();
		}
	});
});

describe('frames the server refuses', () => {
	it('a frame above 2 MiB closes that connection; the others on the board carry on', async () => {
		const other = await connectSynced(server, boardA.board.id, boardA.device.cookie);
		try {
			// A sync update message with a payload just over the limit.
			const big = new Uint8Array(2 * 1024 * 1024 + 16).fill(0x61);
			big.set([0, 2]);
			const outcome = await rawConnect(server, boardA.board.id, participantA.device.cookie, {
				send: [big],
				timeoutMs: 10_000
			});
			expect(outcome.code).toBeDefined();
			expect([1009, 4413]).toContain(outcome.code);

			await other.flush();
			expect(other.closeCodes).toEqual([]);
			const cardId = writeCard(
				other.doc,
				{ id: boardA.user.id, name: boardA.user.name },
				'challenge',
				'Weiter geht’s'
			);
			const fresh = await connectSynced(server, boardA.board.id, participantA.device.cookie);
			await waitFor(() => findCard(fresh.doc, cardId), 'the card at a new connection');
			fresh.destroy();
		} finally {
			other.destroy();
		}
	});

	it('an update that is not a Yjs update closes the connection with 4422', async () => {
		const garbage = new Uint8Array([0, 2, 6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
		const outcome = await rawConnect(server, boardA.board.id, participantA.device.cookie, {
			send: [garbage]
		});
		expect(outcome.code).toBe(4422);
	});
});
