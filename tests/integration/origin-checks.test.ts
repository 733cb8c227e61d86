/**
 * A page on another site may not use a visitor's cookie: the Origin of Yjs
 * upgrades, socket.io handshakes and state-changing JSON requests must be this
 * server's when a browser sends one. Clients that send no Origin (scripts, the
 * other tests) are judged by their cookie alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import {
	boardWithParticipants,
	expectError,
	expectStatus,
	type BoardScene,
	type Participant
} from './helpers/flows';
import { Device } from './helpers/http';
import { useStage } from './helpers/stage';

const FOREIGN = 'https://evil.example';

const stage = useStage();
let owner: BoardScene['owner'];
let participant: Participant;

beforeAll(async () => {
	({
		owner,
		participants: [participant]
	} = await boardWithParticipants(stage.server, 'Amira'));
});

/**
 * Opens the Yjs endpoint with an Origin header: the close code when the server
 * closes it, 'open' once the server sends its first Yjs message.
 */
function yjsWithOrigin(origin: string, cookie: string): Promise<number | 'open'> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${stage.server.wsUrl}/yjs/${owner.board.id}`, { headers: { cookie }, origin });
		ws.on('message', () => {
			resolve('open');
			ws.close();
		});
		ws.on('close', (code) => resolve(code));
		ws.on('error', reject);
	});
}

/** A socket.io handshake with an Origin header: 'connected' or the connect_error message. */
function socketWithOrigin(origin: string, cookie: string): Promise<string> {
	const socket = io(stage.server.url, {
		auth: { boardId: owner.board.id },
		extraHeaders: { cookie, origin },
		transports: ['websocket'],
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve) => {
		socket.on('connect', () => {
			socket.close();
			resolve('connected');
		});
		socket.on('connect_error', (error) => {
			socket.close();
			resolve(error.message);
		});
	});
}

describe('Yjs upgrades', () => {
	it('from another site: closed with 4403 before any Yjs message, whatever the cookie', async () => {
		for (const cookie of [owner.device.cookie, participant.device.cookie]) {
			expect(await yjsWithOrigin(FOREIGN, cookie)).toBe(4403);
		}
		expect(await yjsWithOrigin('null', owner.device.cookie)).toBe(4403);
		// Another port on the same host is another site too.
		const otherPort = stage.server.url.replace(/:\d+$/, `:${stage.server.port + 1}`);
		expect(await yjsWithOrigin(otherPort, owner.device.cookie)).toBe(4403);
	});

	it('from the board’s own pages: admitted and synced', async () => {
		expect(await yjsWithOrigin(stage.server.url, participant.device.cookie)).toBe('open');
	});
});

describe('socket.io handshakes', () => {
	it('from another site: refused', async () => {
		expect(await socketWithOrigin(FOREIGN, owner.device.cookie)).not.toBe('connected');
	});

	it('from the board’s own pages: connected', async () => {
		expect(await socketWithOrigin(stage.server.url, owner.device.cookie)).toBe('connected');
	});
});

describe('the JSON API', () => {
	it('refuses a state-changing request from another site with 403 forbidden and changes nothing', async () => {
		const foreign = { headers: { origin: FOREIGN } };
		expectError(
			await owner.device.post('/api/v1/meetings', { title: 'Untergeschoben' }, foreign),
			403,
			'forbidden'
		);
		expectError(await owner.device.post('/api/v1/logout', undefined, foreign), 403, 'forbidden');
		const stranger = new Device(stage.server.url);
		expectError(
			await stranger.post('/api/v1/join', { code: owner.board.joinCode }, foreign),
			403,
			'forbidden'
		);
		expect(stranger.cookie).toBe('');

		const meetings = await owner.device.get('/api/v1/meetings');
		expect(meetings.body.meetings.map((meeting: { title: string }) => meeting.title)).not.toContain(
			'Untergeschoben'
		);
		// The session survived the forged logout.
		expectStatus(await owner.device.get('/api/v1/me'), 200);
	});

	it('answers reads from anywhere (the cookie decides), and writes from its own origin or without one', async () => {
		expectStatus(await owner.device.get('/api/v1/meetings', { headers: { origin: FOREIGN } }), 200);
		expectStatus(
			await owner.device.post(
				'/api/v1/meetings',
				{ title: 'Von hier' },
				{ headers: { origin: stage.server.url } }
			),
			201
		);
		expectStatus(await owner.device.post('/api/v1/meetings', { title: 'Ohne Origin' }), 201);
	});

	it('SvelteKit refuses a form post from another site', async () => {
		const response = await owner.device.request('POST', '/logout', undefined, {
			raw: '',
			headers: { origin: FOREIGN, 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(response.status).toBe(403);
		expectStatus(await owner.device.get('/api/v1/me'), 200);
	});
});
