/**
 * Every socket.io command, read from the typed event map (src/lib/realtime/events.ts)
 * so that a new one cannot be forgotten, tried by a participant and by a viewer:
 * unless the permission table below lets that role send it, the answer is
 * `forbidden` and nothing changes. A command a role may send still answers (it is registered).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createBoard,
	expectStatus,
	facilitatorWithBoard,
	join,
	type BoardJson,
	type Facilitator
} from './helpers/flows';
import { fingerprint } from './helpers/database';
import { Device } from './helpers/http';
import { connectSocket, type BoardSocketClient } from './helpers/socket';
import { socketCommands } from './helpers/routes';
import { startServer, type RunningServer } from './helpers/server';

/** Commands other roles than facilitators may send (docs/realtime.md); every other one is facilitators' only. */
const ALLOWED: Record<'participant' | 'viewer', readonly string[]> = {
	participant: ['device:status', 'vote:cast', 'vote:retract'],
	viewer: ['device:status']
};

let server: RunningServer;
let owner: Facilitator & { board: BoardJson; meetingId: string };
let facilitator: BoardSocketClient;
let participant: BoardSocketClient;
let viewer: BoardSocketClient;
const commands = socketCommands();

beforeAll(async () => {
	server = await startServer();
	owner = await facilitatorWithBoard(server);
	const member = await join(server, owner.board.joinCode, 'Amira');
	// A finished board admits newcomers as viewers.
	const finished = await createBoard(owner.device, owner.meetingId, 'Abgeschlossen');
	expectStatus(await owner.device.post(`/api/v1/boards/${finished.id}/finish`, {}), 201);
	const viewerDevice = new Device(server.url);
	const viewerJoin = await viewerDevice.post('/api/v1/join', { code: finished.joinCode, name: 'Vera' });
	expectStatus(viewerJoin, 200);
	expect(viewerJoin.body.role).toBe('viewer');
	facilitator = await connectSocket(server, owner.board.id, owner.device.cookie);
	participant = await connectSocket(server, owner.board.id, member.device.cookie);
	viewer = await connectSocket(server, finished.id, viewerDevice.cookie);
	expect(participant.welcome.role).toBe('participant');
	expect(viewer.welcome.role).toBe('viewer');
}, 60_000);

afterAll(async () => {
	for (const client of [facilitator, participant, viewer]) client?.close();
	await server?.stop();
});

describe('the command list', () => {
	it('is read from the event map', () => {
		expect(commands.length).toBeGreaterThan(5);
		expect(commands).toContain('board:lock');
		expect(commands).toContain('participant:remove');
	});

	it('every command is registered: it answers the facilitator (a malformed call, refused or ignored)', async () => {
		for (const command of commands) {
			const ack = await facilitator.emit(command, null);
			expect(typeof ack.ok, command).toBe('boolean');
		}
	});

	it('the permission table names only commands that exist', () => {
		for (const allowed of Object.values(ALLOWED))
			for (const name of allowed) expect(commands).toContain(name);
	});
});

describe.each(['participant', 'viewer'] as const)('as a %s', (role) => {
	it.each(commands.filter((command) => !ALLOWED[role].includes(command)))(
		'%s is forbidden and changes nothing',
		async (command) => {
			const client = role === 'participant' ? participant : viewer;
			const before = fingerprint(server.databaseFile);
			// A well-formed call: only the role may stop it.
			const ack = await client.emit(command, { participantId: 'x', title: 'Gekapert', locked: true });
			expect(ack, command).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
			expect(fingerprint(server.databaseFile)).toEqual(before);
			expect(client.socket.connected).toBe(true);
		}
	);
});
