/** The steps most tests start with: a facilitator with a meeting and a board, participants who joined it. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { Device, type ApiResponse } from './http';
import type { RunningServer } from './server';

export const PASSWORD = 'correct horse battery';

export interface UserJson {
	id: string;
	email: string;
	name: string;
}

export interface BoardJson {
	id: string;
	title: string;
	meetingId: string;
	joinCode: string;
	joinUrl: string;
	phase: string;
	locked: boolean;
	finished: boolean;
}

export interface Facilitator {
	device: Device;
	user: UserJson;
}

export interface Participant {
	device: Device;
	/** The participant id from join: the `authorId` of this participant's cards. */
	id: string;
	name: string | null;
	boardId: string;
}

export function uniqueEmail(prefix = 'facilitator'): string {
	return `${prefix}-${randomBytes(6).toString('hex')}@example.org`;
}

/** Fails with the answer in the message, so a wrong status explains itself. */
export function expectStatus(response: ApiResponse, status: number): void {
	expect(response.status, `${response.status} ${response.text}`).toBe(status);
}

/** The contract's error shape: `{error:{code,message}}` with a human-readable message. */
export function expectError(response: ApiResponse, status: number, code: string): void {
	expectStatus(response, status);
	expect(response.headers.get('content-type')).toContain('application/json');
	expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
	expect(response.body.error.message.length).toBeGreaterThan(0);
}

export async function signup(
	server: RunningServer,
	input: { email?: string; name?: string; password?: string } = {}
): Promise<Facilitator> {
	const device = new Device(server.url);
	const response = await device.post('/api/v1/signup', {
		email: input.email ?? uniqueEmail(),
		password: input.password ?? PASSWORD,
		name: input.name ?? 'Fatma Facilitator'
	});
	expectStatus(response, 201);
	return { device, user: response.body.user };
}

export async function createMeeting(device: Device, title = 'Stadtteilkonferenz'): Promise<{ id: string }> {
	const response = await device.post('/api/v1/meetings', { title });
	expectStatus(response, 201);
	return response.body.meeting;
}

export async function createBoard(
	device: Device,
	meetingId: string,
	title = 'Mobilität'
): Promise<BoardJson> {
	const response = await device.post(`/api/v1/meetings/${meetingId}/boards`, { title });
	expectStatus(response, 201);
	return response.body.board;
}

/** A facilitator who signed up, created a meeting and a board. */
export async function facilitatorWithBoard(
	server: RunningServer,
	name = 'Fatma Facilitator'
): Promise<Facilitator & { board: BoardJson; meetingId: string }> {
	const facilitator = await signup(server, { name });
	const meeting = await createMeeting(facilitator.device);
	const board = await createBoard(facilitator.device, meeting.id);
	return { ...facilitator, board, meetingId: meeting.id };
}

export interface BoardScene {
	owner: Facilitator & { board: BoardJson; meetingId: string };
	board: BoardJson;
	/** In the order their names were given. */
	participants: Participant[];
}

/** A facilitator's board and people who joined it by name (null: anonymously), each from a device of their own. */
export async function boardWithParticipants(
	server: RunningServer,
	...names: Array<string | null>
): Promise<BoardScene> {
	const owner = await facilitatorWithBoard(server);
	const participants: Participant[] = [];
	for (const name of names) participants.push(await join(server, owner.board.joinCode, name));
	return { owner, board: owner.board, participants };
}

/** Joins with a code from a device (a new one unless given); `name` null joins anonymously. */
export async function join(
	server: RunningServer,
	code: string,
	name: string | null,
	device = new Device(server.url)
): Promise<Participant> {
	const response = await device.post('/api/v1/join', name === null ? { code } : { code, name });
	expectStatus(response, 200);
	expect(response.body.role).toBe('participant');
	return {
		device,
		id: response.body.participant.id,
		name: response.body.participant.name ?? null,
		boardId: response.body.boardId
	};
}
