/**
 * Observability: `GET /metrics` (Prometheus text) behind the METRICS_TOKEN
 * bearer token, counting connections, loaded boards, stored updates, persist
 * latency and refusals by reason; and logs that carry ids and counts, never
 * card texts, names, passwords, cookies or tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deleteCard } from '../../src/lib/board/cards';
import {
	facilitatorWithBoard,
	join,
	PASSWORD,
	type BoardJson,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { Device } from './helpers/http';
import { writeCard } from './helpers/board';
import { connectSynced, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

const TOKEN = 'metrics-token-for-tests-7f3a9c';
const CARD_TEXT = 'Vertraulicher Kartentext 4711';
const PARTICIPANT_NAME = 'Zeynep Vertraulich';

let server: RunningServer;
let owner: Facilitator & { board: BoardJson };
let participant: Participant;
const clients: YjsClient[] = [];

beforeAll(async () => {
	server = await startServer({ env: { METRICS_TOKEN: TOKEN } });
	owner = await facilitatorWithBoard(server);
	participant = await join(server, owner.board.joinCode, PARTICIPANT_NAME);
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server?.stop();
});

async function scrape(): Promise<string> {
	const response = await new Device(server.url).get('/metrics', {
		headers: { authorization: `Bearer ${TOKEN}` }
	});
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('text/plain');
	return response.text;
}

/** The value of one sample, e.g. `wedo_refusals_total{reason="origin"}`; 0 when absent. */
function sample(text: string, name: string): number {
	const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
	return line ? Number(line.slice(name.length + 1)) : 0;
}

describe('GET /metrics', () => {
	it('does not exist without METRICS_TOKEN', async () => {
		const plain = await startServer();
		try {
			expect((await new Device(plain.url).get('/metrics')).status).toBe(404);
			const guessed = await new Device(plain.url).get('/metrics', { headers: { authorization: 'Bearer x' } });
			expect(guessed.status).toBe(404);
		} finally {
			await plain.stop();
		}
	});

	it('answers 401 without the token or with a wrong one', async () => {
		const device = new Device(server.url);
		for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, TOKEN]) {
			const response = await device.get('/metrics', { headers: authorization ? { authorization } : {} });
			expect(response.status, String(authorization)).toBe(401);
			expect(response.text).not.toContain('wedo_');
		}
		// A session is no substitute for the token.
		expect((await owner.device.get('/metrics')).status).toBe(401);
	});

	it('counts connections, loaded boards, stored updates, persist latency and refusals by reason', async () => {
		const before = await scrape();
		const client = await connectSynced(server, owner.board.id, participant.device.cookie);
		clients.push(client);
		for (let i = 0; i < 3; i++) writeCard(client.doc, participant, 'challenge', `${CARD_TEXT} ${i}`);
		await client.flush();

		// Refusals of three kinds: a foreign origin, no session, a participant deleting someone else's card.
		await new Promise<void>((resolve) => {
			const ws = new WebSocket(`${server.wsUrl}/yjs/${owner.board.id}`, { origin: 'https://evil.example' });
			ws.on('close', () => resolve());
		});
		await new Promise<void>((resolve) => {
			const ws = new WebSocket(`${server.wsUrl}/yjs/${owner.board.id}`);
			ws.on('close', () => resolve());
		});
		const facilitator = await connectSynced(server, owner.board.id, owner.device.cookie);
		clients.push(facilitator);
		const theirs = writeCard(
			facilitator.doc,
			{ id: owner.user.id, name: owner.user.name },
			'solution',
			'Moderation'
		);
		await facilitator.flush();
		const attacker = await connectSynced(server, owner.board.id, participant.device.cookie);
		await waitFor(() => attacker.doc.getMap('cards').has(theirs), 'the facilitator’s card');
		deleteCard(attacker.doc, theirs);
		expect(await attacker.closed()).toBe(4422);
		attacker.destroy();

		const after = await scrape();
		expect(sample(after, 'wedo_connections{channel="yjs"}')).toBe(2);
		expect(sample(after, 'wedo_boards_loaded')).toBeGreaterThanOrEqual(1);
		expect(
			sample(after, 'wedo_updates_stored_total') - sample(before, 'wedo_updates_stored_total')
		).toBeGreaterThanOrEqual(4);
		expect(sample(after, 'wedo_persist_seconds_count')).toBeGreaterThanOrEqual(4);
		expect(after).toMatch(/^wedo_persist_seconds_bucket\{le="0.005"\} \d+/m);
		expect(sample(after, 'wedo_refusals_total{reason="origin"}')).toBe(1);
		expect(sample(after, 'wedo_refusals_total{reason="unauthenticated"}')).toBe(1);
		expect(sample(after, 'wedo_refusals_total{reason="not_owner"}')).toBe(1);
		expect(after).toMatch(/^wedo_process_resident_memory_bytes \d+/m);
	});
});

describe('logs at info level', () => {
	it('hold no card texts, names, passwords, cookies or tokens', async () => {
		// A failed login and a refused update are logged; their details must not be.
		await new Device(server.url).post('/api/v1/login', { email: 'niemand@example.org', password: PASSWORD });
		const output = server.output();
		expect(output.length).toBeGreaterThan(0);
		const secrets = [
			CARD_TEXT,
			PARTICIPANT_NAME,
			owner.user.name,
			PASSWORD,
			TOKEN,
			owner.user.email,
			...[owner.device, participant.device].flatMap((device) =>
				device.cookie.split('; ').map((pair) => pair.split('=')[1])
			)
		];
		for (const secret of secrets) expect(output, `the logs contain "${secret}"`).not.toContain(secret);
		// Every line is structured JSON.
		for (const line of output.split('\n').filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow();
	});
});
