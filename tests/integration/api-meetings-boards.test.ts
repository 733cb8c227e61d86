/** Meetings and boards over the JSON API: who may create and read them, and what they answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from './helpers/http';
import {
	createBoard,
	createMeeting,
	expectError,
	expectStatus,
	facilitatorWithBoard,
	join,
	signup,
	type Facilitator
} from './helpers/flows';
import { fingerprint } from './helpers/database';
import { startServer, type RunningServer } from './helpers/server';

const JOIN_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

let server: RunningServer;
let owner: Facilitator;

beforeAll(async () => {
	server = await startServer();
	owner = await signup(server, { name: 'Olga Owner' });
});

afterAll(async () => {
	await server?.stop();
});

describe('meetings', () => {
	it('a facilitator creates a meeting (201) and finds it in GET /meetings', async () => {
		const facilitator = await signup(server);
		const response = await facilitator.device.post('/api/v1/meetings', {
			title: '  Stadtteilkonferenz Nord  ',
			location: 'Bürgerhaus',
			startsAt: '2026-03-01T18:00:00Z',
			unknownField: 'ignored'
		});
		expectStatus(response, 201);
		const { meeting } = response.body;
		expect(meeting).toMatchObject({
			id: expect.any(String),
			title: 'Stadtteilkonferenz Nord',
			location: 'Bürgerhaus'
		});
		expect(meeting).not.toHaveProperty('unknownField');

		const list = await facilitator.device.get('/api/v1/meetings');
		expectStatus(list, 200);
		expect(list.body.meetings.map((m: { id: string }) => m.id)).toEqual([meeting.id]);
		expect(list.body.meetings[0]).toMatchObject({ id: meeting.id, title: 'Stadtteilkonferenz Nord' });
	});

	it('lists only the meetings the caller facilitates', async () => {
		const mine = await createMeeting(owner.device, 'Olgas Treffen');
		const other = await signup(server);
		await createMeeting(other.device, 'Fremdes Treffen');
		const list = await owner.device.get('/api/v1/meetings');
		expectStatus(list, 200);
		const titles = list.body.meetings.map((m: { title: string }) => m.title);
		expect(titles).toContain('Olgas Treffen');
		expect(titles).not.toContain('Fremdes Treffen');
		expect(list.body.meetings.some((m: { id: string }) => m.id === mine.id)).toBe(true);
	});

	it('without a session: 401 unauthenticated; with a participant cookie: 403 forbidden; nothing stored', async () => {
		const { board } = await facilitatorWithBoard(server);
		const participant = await join(server, board.joinCode, 'Pia');
		const before = fingerprint(server.databaseFile);

		const anonymous = new Device(server.url);
		expectError(await anonymous.post('/api/v1/meetings', { title: 'Sneaky' }), 401, 'unauthenticated');
		expectError(await anonymous.get('/api/v1/meetings'), 401, 'unauthenticated');
		expectError(await participant.device.post('/api/v1/meetings', { title: 'Sneaky' }), 403, 'forbidden');
		expectError(await participant.device.get('/api/v1/meetings'), 403, 'forbidden');

		expect(fingerprint(server.databaseFile)).toEqual(before);
	});

	it('refuses a missing or over-long title and malformed JSON with 400 invalid_input', async () => {
		const before = fingerprint(server.databaseFile);
		expectError(await owner.device.post('/api/v1/meetings', {}), 400, 'invalid_input');
		expectError(await owner.device.post('/api/v1/meetings', { title: '   ' }), 400, 'invalid_input');
		expectError(
			await owner.device.post('/api/v1/meetings', { title: 'x'.repeat(201) }),
			400,
			'invalid_input'
		);
		expectError(
			await owner.device.post('/api/v1/meetings', undefined, { raw: '{"title": "a"' }),
			400,
			'invalid_input'
		);
		expect(fingerprint(server.databaseFile)).toEqual(before);
	});
});

describe('boards', () => {
	it('a facilitator creates a board: 201 with id, title, a 6-character join code and a join URL', async () => {
		const meeting = await createMeeting(owner.device);
		const response = await owner.device.post(`/api/v1/meetings/${meeting.id}/boards`, { title: 'Mobilität' });
		expectStatus(response, 201);
		const { board } = response.body;
		expect(board).toMatchObject({
			id: expect.any(String),
			title: 'Mobilität',
			meetingId: meeting.id,
			phase: expect.any(String),
			locked: false,
			finished: false
		});
		expect(board.joinCode).toMatch(JOIN_CODE);
		const joinUrl = new URL(board.joinUrl);
		expect(joinUrl.origin).toBe(server.url);
		expect(board.joinUrl).toContain(board.joinCode);
	});

	it('gives every board its own join code from the unambiguous alphabet', async () => {
		const meeting = await createMeeting(owner.device);
		const codes = new Set<string>();
		for (let i = 0; i < 12; i++) {
			const board = await createBoard(owner.device, meeting.id, `Board ${i}`);
			expect(board.joinCode).toMatch(JOIN_CODE);
			codes.add(board.joinCode);
		}
		expect(codes.size).toBe(12);
	});

	it('accepts a 200-character title and refuses 201 characters, malformed JSON and an unknown template', async () => {
		const meeting = await createMeeting(owner.device);
		expectStatus(
			await owner.device.post(`/api/v1/meetings/${meeting.id}/boards`, { title: 'x'.repeat(200) }),
			201
		);
		const before = fingerprint(server.databaseFile);
		const path = `/api/v1/meetings/${meeting.id}/boards`;
		expectError(await owner.device.post(path, { title: 'x'.repeat(201) }), 400, 'invalid_input');
		expectError(
			await owner.device.post(path, undefined, { raw: '{title: Mobilität}' }),
			400,
			'invalid_input'
		);
		expectError(await owner.device.post(path, { title: 'Gut', template: 'kanban' }), 400, 'invalid_input');
		expectError(await owner.device.post(path, {}), 400, 'invalid_input');
		expect(fingerprint(server.databaseFile)).toEqual(before);
	});

	it('an unknown meeting answers 404 not_found; someone else’s meeting 403; a participant 403; nobody 401', async () => {
		const before = fingerprint(server.databaseFile);
		expectError(
			await owner.device.post('/api/v1/meetings/doesnotexist123/boards', { title: 'Nowhere' }),
			404,
			'not_found'
		);
		const other = await signup(server);
		const othersMeeting = await createMeeting(other.device, 'Fremd');
		const afterOther = fingerprint(server.databaseFile);
		expect(afterOther.boards).toBe(before.boards);

		const path = `/api/v1/meetings/${othersMeeting.id}/boards`;
		expectError(await owner.device.post(path, { title: 'Hijack' }), 403, 'forbidden');
		expectError(await new Device(server.url).post(path, { title: 'Hijack' }), 401, 'unauthenticated');
		const { board } = await facilitatorWithBoard(server);
		const participant = await join(server, board.joinCode, 'Paul');
		const beforeParticipant = fingerprint(server.databaseFile);
		expectError(await participant.device.post(path, { title: 'Hijack' }), 403, 'forbidden');
		expect(fingerprint(server.databaseFile)).toEqual(beforeParticipant);
	});

	it('GET /boards/:id answers the facilitator and a joined participant with the board', async () => {
		const { device, board } = await facilitatorWithBoard(server);
		const expected = {
			id: board.id,
			title: board.title,
			meetingId: board.meetingId,
			joinCode: board.joinCode,
			phase: board.phase,
			locked: false,
			finished: false
		};
		const asFacilitator = await device.get(`/api/v1/boards/${board.id}`);
		expectStatus(asFacilitator, 200);
		expect(asFacilitator.body.board).toMatchObject(expected);

		const participant = await join(server, board.joinCode, 'Pia');
		const asParticipant = await participant.device.get(`/api/v1/boards/${board.id}`);
		expectStatus(asParticipant, 200);
		expect(asParticipant.body.board).toMatchObject(expected);
	});

	it('GET /boards/:id refuses strangers (401 without a session, 403 with one) and answers 404 for an unknown board', async () => {
		const { board } = await facilitatorWithBoard(server);
		expectError(await new Device(server.url).get(`/api/v1/boards/${board.id}`), 401, 'unauthenticated');
		const otherFacilitator = await signup(server);
		expectError(await otherFacilitator.device.get(`/api/v1/boards/${board.id}`), 403, 'forbidden');
		const elsewhere = await facilitatorWithBoard(server);
		const otherParticipant = await join(server, elsewhere.board.joinCode, 'Otto');
		expectError(await otherParticipant.device.get(`/api/v1/boards/${board.id}`), 403, 'forbidden');
		expectError(await owner.device.get('/api/v1/boards/doesnotexist123'), 404, 'not_found');
	});
});
