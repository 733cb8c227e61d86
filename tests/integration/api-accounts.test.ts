/** Accounts over the JSON API: signup, login, logout, /me, as CONTRACT.md names them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieAttributes, Device } from './helpers/http';
import { expectError, expectStatus, PASSWORD, signup, uniqueEmail } from './helpers/flows';
import { fingerprint } from './helpers/database';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.stop();
});

describe('signup', () => {
	it('answers 201 with the user and sets an HttpOnly, SameSite=Lax session cookie', async () => {
		const device = new Device(server.url);
		const email = uniqueEmail();
		const response = await device.post('/api/v1/signup', { email, password: PASSWORD, name: 'Anna' });
		expectStatus(response, 201);
		expect(response.body).toEqual({ user: { id: expect.any(String), email, name: 'Anna' } });
		expect(response.setCookies).toHaveLength(1);
		const cookie = cookieAttributes(response.setCookies[0]);
		expect(cookie.value.length).toBeGreaterThan(10);
		expect(cookie.flags.has('httponly')).toBe(true);
		expect(cookie.flags.get('samesite')?.toLowerCase()).toBe('lax');
		// Served over plain http here: a Secure cookie would never be sent back.
		expect(cookie.flags.has('secure')).toBe(false);

		const me = await device.get('/api/v1/me');
		expectStatus(me, 200);
		expect(me.body).toEqual({ user: response.body.user });
	});

	it('refuses a password shorter than 10 characters with 400 invalid_input and stores nothing', async () => {
		const before = fingerprint(server.databaseFile);
		const device = new Device(server.url);
		const email = uniqueEmail();
		const response = await device.post('/api/v1/signup', { email, password: '123456789', name: 'Short' });
		expectError(response, 400, 'invalid_input');
		expect(response.setCookies).toEqual([]);
		expect(fingerprint(server.databaseFile)).toEqual(before);
		// Exactly 10 is enough.
		expectStatus(await device.post('/api/v1/signup', { email, password: '1234567890', name: 'Ten' }), 201);
	});

	it('refuses missing fields and malformed JSON with 400 invalid_input', async () => {
		const device = new Device(server.url);
		expectError(
			await device.post('/api/v1/signup', { email: uniqueEmail(), password: PASSWORD }),
			400,
			'invalid_input'
		);
		expectError(
			await device.post('/api/v1/signup', { email: 'not-an-email', password: PASSWORD, name: 'X' }),
			400,
			'invalid_input'
		);
		expectError(await device.post('/api/v1/signup', undefined, { raw: '{"email":' }), 400, 'invalid_input');
	});

	it('ignores unknown fields', async () => {
		const device = new Device(server.url);
		const response = await device.post('/api/v1/signup', {
			email: uniqueEmail(),
			password: PASSWORD,
			name: 'Extra',
			role: 'admin',
			id: 'chosen-id'
		});
		expectStatus(response, 201);
		expect(response.body.user.id).not.toBe('chosen-id');
		expect(Object.keys(response.body.user).sort()).toEqual(['email', 'id', 'name']);
	});

	it('refuses a duplicate e-mail with 409 email_taken and keeps the first account as it was', async () => {
		const email = uniqueEmail();
		const first = await signup(server, { email, name: 'First' });
		const before = fingerprint(server.databaseFile);
		const device = new Device(server.url);
		const response = await device.post('/api/v1/signup', {
			email: email.toUpperCase(),
			password: 'another password 123',
			name: 'Second'
		});
		expectError(response, 409, 'email_taken');
		expect(response.setCookies).toEqual([]);
		expect(fingerprint(server.databaseFile)).toEqual(before);

		const login = await new Device(server.url).post('/api/v1/login', { email, password: PASSWORD });
		expectStatus(login, 200);
		expect(login.body.user).toEqual(first.user);
	});
});

describe('login', () => {
	it('answers 200 with the user and a new session cookie', async () => {
		const email = uniqueEmail();
		const { user } = await signup(server, { email, name: 'Lena' });
		const device = new Device(server.url);
		const response = await device.post('/api/v1/login', { email, password: PASSWORD });
		expectStatus(response, 200);
		expect(response.body).toEqual({ user });
		const cookie = cookieAttributes(response.setCookies[0]);
		expect(cookie.flags.has('httponly')).toBe(true);
		expect(cookie.flags.get('samesite')?.toLowerCase()).toBe('lax');
		const me = await device.get('/api/v1/me');
		expectStatus(me, 200);
		expect(me.body).toEqual({ user });
	});

	it('answers a wrong password and an unknown e-mail identically: 401 invalid_credentials', async () => {
		const email = uniqueEmail();
		await signup(server, { email });
		const before = fingerprint(server.databaseFile);
		const device = new Device(server.url);
		const wrongPassword = await device.post('/api/v1/login', { email, password: 'wrong password 1' });
		const unknownEmail = await device.post('/api/v1/login', { email: uniqueEmail(), password: PASSWORD });
		expectError(wrongPassword, 401, 'invalid_credentials');
		expectError(unknownEmail, 401, 'invalid_credentials');
		expect(unknownEmail.text).toBe(wrongPassword.text);
		expect(wrongPassword.setCookies).toEqual([]);
		expect(unknownEmail.setCookies).toEqual([]);
		expectError(await device.get('/api/v1/me'), 401, 'unauthenticated');
		// No session was created for either attempt.
		expect(fingerprint(server.databaseFile)).toEqual(before);
	});

	it('limits guessing one account: after repeated failures even the right password answers 429 rate_limited', async () => {
		const email = uniqueEmail('guessed');
		await signup(server, { email });
		const device = new Device(server.url);
		let status = 0;
		let attempts = 0;
		while (attempts < 25) {
			attempts++;
			const response = await device.post('/api/v1/login', { email, password: `wrong guess ${attempts}` });
			status = response.status;
			if (status === 429) {
				expectError(response, 429, 'rate_limited');
				break;
			}
			expectError(response, 401, 'invalid_credentials');
		}
		expect(status, `still not limited after ${attempts} wrong passwords`).toBe(429);
		const right = await device.post('/api/v1/login', { email, password: PASSWORD });
		expectError(right, 429, 'rate_limited');
		expect(right.setCookies).toEqual([]);
	});
});

describe('logout and /me', () => {
	it('logout answers 204 and invalidates the session on the server', async () => {
		const { device, user } = await signup(server);
		const oldCookie = device.cookie;
		expectStatus(await device.get('/api/v1/me'), 200);
		const response = await device.post('/api/v1/logout');
		expectStatus(response, 204);
		expect(response.text).toBe('');
		expectError(await device.get('/api/v1/me'), 401, 'unauthenticated');
		// Replaying the old cookie does not bring the session back.
		const replay = await new Device(server.url).get('/api/v1/me', { headers: { cookie: oldCookie } });
		expectError(replay, 401, 'unauthenticated');
		expect(JSON.stringify(replay.body)).not.toContain(user.id);
	});

	it('/me answers 401 unauthenticated without a session, also with a made-up cookie', async () => {
		expectError(await new Device(server.url).get('/api/v1/me'), 401, 'unauthenticated');
		const forged = new Device(server.url);
		forged.setCookie('wedo_session', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		expectError(await forged.get('/api/v1/me'), 401, 'unauthenticated');
	});
});
