/**
 * The "no" cells of docs/permissions.md for the facilitator's controls: a
 * participant and a viewer send every facilitator command and are refused with
 * `forbidden`, and nothing changes — not the database, not what anyone receives.
 * A viewer's Yjs updates never reach another device or the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	facilitatorWithBoard,
	join,
	signup,
	type BoardJson,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { fingerprint, readStoredBoard } from './helpers/database';
import {
	connectRecording,
	createShareLink,
	postForm,
	viewerDevice,
	type RecordingClient
} from './helpers/facilitation';
import type { Device } from './helpers/http';
import { connectSynced, sleep, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;
let owner: Facilitator & { board: BoardJson };
let amira: Participant;
let viewer: Device;
let cofacilitator: Facilitator;
let ownerSocket: RecordingClient;
let ownerDoc: YjsClient;
let cardId: string;

/** Every facilitator command with input that is valid, so that only the sender's role can stop it. */
function facilitatorCommands(): Array<[string, unknown]> {
	return [
		['board:rename', { title: 'Gekapert' }],
		['board:lock', { locked: true }],
		['phase:set-plan', { phases: ['vote', 'done'] }],
		['phase:go', { index: 2 }],
		['timer:start', { durationMs: 60_000 }],
		['timer:pause', {}],
		['timer:resume', {}],
		['timer:extend', { byMs: 60_000 }],
		['timer:stop', {}],
		['spotlight:set', { kind: 'card', id: cardId }],
		['spotlight:clear', {}]
	];
}

beforeAll(async () => {
	server = await startServer();
	owner = await facilitatorWithBoard(server);
	amira = await join(server, owner.board.joinCode, 'Amira');
	viewer = await viewerDevice(server, await createShareLink(owner.device, owner.board.id, 'viewer'));
	cofacilitator = await signup(server, { name: 'Cem Co' });
	const invitation = await createShareLink(owner.device, owner.board.id, 'cofacilitator');
	const accepted = await postForm(cofacilitator.device, `${new URL(invitation).pathname}?/accept`);
	expect(accepted.status).toBe(303);

	ownerDoc = await connectSynced(server, owner.board.id, owner.device.cookie);
	cardId = writeCard(
		ownerDoc.doc,
		{ id: owner.user.id, name: owner.user.name },
		'challenge',
		'Zu wenig Räume'
	);
	await ownerDoc.flush();
	ownerSocket = await connectRecording(server, owner.board.id, owner.device.cookie);
	// A running timer and a spotlight, so that pausing, extending and clearing would each change something.
	expect(await ownerSocket.emit('timer:start', { durationMs: 600_000 })).toEqual({ ok: true });
	expect(await ownerSocket.emit('spotlight:set', { kind: 'card', id: cardId })).toEqual({ ok: true });
});

afterAll(async () => {
	ownerSocket?.close();
	ownerDoc?.destroy();
	await server?.stop();
});

describe.each([
	['participant', () => amira.device.cookie, 'participant'],
	['viewer (link)', () => viewer.cookie, 'viewer']
])('a %s', (_who, cookie, role) => {
	it('connects in its role', async () => {
		const client = await connectRecording(server, owner.board.id, cookie());
		expect(client.welcome.role).toBe(role);
		client.close();
	});

	it('sends every facilitator command: each answers forbidden and changes nothing anywhere', async () => {
		const client = await connectRecording(server, owner.board.id, cookie());
		try {
			const stored = fingerprint(server.databaseFile);
			const seenByOwner = ownerSocket.events.length;
			for (const [event, payload] of facilitatorCommands()) {
				expect(await client.emit(event, payload), event).toEqual({
					ok: false,
					error: { code: 'forbidden', message: expect.any(String) }
				});
			}
			await sleep(300);
			// Who is connected changes as this client comes and goes; nothing else may reach the owner.
			const broadcasts = ownerSocket.events.slice(seenByOwner).filter(({ event }) => event !== 'room:health');
			expect(broadcasts, 'broadcasts after refused commands').toEqual([]);
			expect(fingerprint(server.databaseFile)).toEqual(stored);
			const board = (await owner.device.get(`/api/v1/boards/${owner.board.id}`)).body.board;
			expect(board).toMatchObject({ title: owner.board.title, locked: false, phase: 'collect' });
		} finally {
			client.close();
		}
	});

	it('may report its unsent changes (every device may)', async () => {
		const client = await connectRecording(server, owner.board.id, cookie());
		expect(await client.emit('device:status', { unsent: 0 })).toEqual({ ok: true });
		client.close();
	});
});

describe('a co-facilitator (link accepted)', () => {
	it('is a facilitator on both channels and may send the commands', async () => {
		const client = await connectRecording(server, owner.board.id, cofacilitator.device.cookie);
		try {
			expect(client.welcome).toMatchObject({ role: 'facilitator', actorId: cofacilitator.user.id });
			expect(await client.emit('timer:extend', { byMs: 60_000 })).toEqual({ ok: true });
			expect(await client.emit('spotlight:clear', {})).toEqual({ ok: true });
			const doc = await connectSynced(server, owner.board.id, cofacilitator.device.cookie);
			const own = writeCard(doc.doc, { id: cofacilitator.user.id, name: 'Cem Co' }, 'solution', 'Mitmachen');
			await doc.flush();
			await ownerDoc.flush();
			expect(findCard(ownerDoc.doc, own)?.text).toBe('Mitmachen');
			doc.destroy();
		} finally {
			client.close();
		}
	});
});

describe('a viewer on the Yjs channel', () => {
	it('receives the board, but its update reaches no other device and no database', async () => {
		const watcher = await connectSynced(server, owner.board.id, viewer.cookie);
		try {
			expect(findCard(watcher.doc, cardId)?.text).toBe('Zu wenig Räume');
			const stored = fingerprint(server.databaseFile);
			const sneaked = writeCard(watcher.doc, { id: 'viewer', name: null }, 'challenge', 'Vom Beamer');
			await watcher.flush();
			await ownerDoc.flush();
			await sleep(200);
			expect(findCard(ownerDoc.doc, sneaked)).toBeUndefined();
			const fresh = await connectSynced(server, owner.board.id, amira.device.cookie);
			expect(findCard(fresh.doc, sneaked)).toBeUndefined();
			fresh.destroy();
			expect(fingerprint(server.databaseFile)).toEqual(stored);
			const inDatabase = readStoredBoard(server.databaseFile, owner.board.id);
			expect(findCard(inDatabase, sneaked)).toBeUndefined();
			inDatabase.destroy();
			// Dropped, not punished: the projector stays connected.
			expect(watcher.provider.wsconnected).toBe(true);
		} finally {
			watcher.destroy();
		}
	});
});
