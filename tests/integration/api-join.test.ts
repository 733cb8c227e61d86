/** Joining a board by code and /me for participants. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieAttributes, Device } from './helpers/http';
import { expectError, expectStatus, facilitatorWithBoard, join, type BoardJson } from './helpers/flows';
import { fingerprint } from './helpers/database';
import { startServer, type RunningServer } from './helpers/server';

describe('join', () => {
	let server: RunningServer;
	let board: BoardJson;

	beforeAll(async () => {
		server = await startServer();
		({ board } = await facilitatorWithBoard(server));
	});

	afterAll(async () => {
		await server?.stop();
	});

	it('matches the code case-insensitively and answers role participant with a participant cookie', async () => {
		const device = new Device(server.url);
		const response = await device.post('/api/v1/join', { code: board.joinCode.toLowerCase(), name: 'Amira' });
		expectStatus(response, 200);
		expect(response.body).toMatchObject({
			boardId: board.id,
			participant: { id: expect.any(String), name: 'Amira' },
			role: 'participant'
		});
		expect(response.setCookies.length).toBeGreaterThan(0);
		for (const line of response.setCookies) {
			const cookie = cookieAttributes(line);
			expect(cookie.flags.has('httponly'), line).toBe(true);
			expect(cookie.flags.get('samesite')?.toLowerCase(), line).toBe('lax');
		}
		const me = await device.get('/api/v1/me');
		expectStatus(me, 200);
		expect(me.body).toEqual({
			participant: { id: response.body.participant.id, name: 'Amira', boardId: board.id }
		});
	});

	it('joins anonymously when the name is empty or absent', async () => {
		for (const body of [{ code: board.joinCode }, { code: board.joinCode, name: '' }]) {
			const device = new Device(server.url);
			const response = await device.post('/api/v1/join', body);
			expectStatus(response, 200);
			expect(response.body.role).toBe('participant');
			expect(response.body.participant.name ?? null).toBeNull();
			const me = await device.get('/api/v1/me');
			expect(me.body.participant).toMatchObject({ id: response.body.participant.id, boardId: board.id });
			expect(me.body.participant.name ?? null).toBeNull();
		}
	});

	it('the same device joining again is the same participant; another device is another one', async () => {
		const first = await join(server, board.joinCode, 'Bruno');
		const again = await join(server, board.joinCode, 'Bruno', first.device);
		expect(again.id).toBe(first.id);
		const other = await join(server, board.joinCode, 'Bruno');
		expect(other.id).not.toBe(first.id);
	});

	it('an unknown code answers 404 not_found, a missing code 400 invalid_input; nothing is stored', async () => {
		const before = fingerprint(server.databaseFile);
		const device = new Device(server.url);
		const unknown = await device.post('/api/v1/join', { code: 'ZZZZZ9', name: 'Nobody' });
		expectError(unknown, 404, 'not_found');
		expect(unknown.setCookies).toEqual([]);
		expectError(await device.post('/api/v1/join', { name: 'Nobody' }), 400, 'invalid_input');
		expectError(await device.post('/api/v1/join', undefined, { raw: 'code=ABC' }), 400, 'invalid_input');
		expect(fingerprint(server.databaseFile)).toEqual(before);
		expectError(await device.get('/api/v1/me'), 401, 'unauthenticated');
	});
});

describe('join rate limit', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer();
	});

	afterAll(async () => {
		await server?.stop();
	});

	it('repeated unknown codes from one address eventually answer 429 rate_limited', async () => {
		const { board } = await facilitatorWithBoard(server);
		let status = 0;
		let attempts = 0;
		while (attempts < 200) {
			attempts++;
			const guess = `Q${String(attempts).padStart(5, '2')}`;
			const response = await new Device(server.url).post('/api/v1/join', { code: guess });
			status = response.status;
			if (status === 429) {
				expectError(response, 429, 'rate_limited');
				break;
			}
			expectError(response, 404, 'not_found');
		}
		expect(status, `still guessing after ${attempts} attempts`).toBe(429);
		// The limit is on guessing: a blocked address learns nothing about valid codes either.
		const before = fingerprint(server.databaseFile);
		expectError(
			await new Device(server.url).post('/api/v1/join', { code: board.joinCode }),
			429,
			'rate_limited'
		);
		expect(fingerprint(server.databaseFile)).toEqual(before);
	});
});
