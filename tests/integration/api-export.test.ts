/** Exports: the board's current content, written live over Yjs, as Markdown, CSV and JSON files. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkCards } from '../../src/lib/board/links';
import { Device } from './helpers/http';
import {
	expectError,
	expectStatus,
	facilitatorWithBoard,
	join,
	type BoardJson,
	type Facilitator
} from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { connectSynced, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

const CHALLENGE = 'Zu wenig Förderung für Radwege';
const SOLUTION = 'Bürgerhaushalt für Fahrradständer';
const FACILITATOR_NOTE = 'Idee aus der Vorrunde';

let server: RunningServer;
let facilitator: Facilitator & { board: BoardJson };
let clients: YjsClient[] = [];

beforeAll(async () => {
	server = await startServer();
	facilitator = await facilitatorWithBoard(server, 'Fatma Facilitator');
	const { board } = facilitator;
	const amira = await join(server, board.joinCode, 'Amira');
	const anonymous = await join(server, board.joinCode, null);

	const amiraClient = await connectSynced(server, board.id, amira.device.cookie);
	const anonymousClient = await connectSynced(server, board.id, anonymous.device.cookie);
	const facilitatorClient = await connectSynced(server, board.id, facilitator.device.cookie);
	clients = [amiraClient, anonymousClient, facilitatorClient];

	const challengeId = writeCard(amiraClient.doc, amira, 'challenge', CHALLENGE);
	await waitFor(() => findCard(anonymousClient.doc, challengeId), 'the challenge at the second participant');
	const solutionId = writeCard(anonymousClient.doc, anonymous, 'solution', SOLUTION);
	await waitFor(() => findCard(amiraClient.doc, solutionId), 'the solution at the first participant');
	expect(
		linkCards(anonymousClient.doc, { solutionId, challengeId, authorId: anonymous.id, createdAt: Date.now() })
	).toBe(true);
	writeCard(
		facilitatorClient.doc,
		{ id: facilitator.user.id, name: facilitator.user.name },
		'solution',
		FACILITATOR_NOTE
	);
	for (const client of clients) await client.flush();
	await waitFor(() => amiraClient.doc.getMap('links').size === 1, 'the link at the first participant');
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server?.stop();
});

function exportPath(format: string): string {
	return `/api/v1/boards/${facilitator.board.id}/export?format=${format}`;
}

function expectAttachment(disposition: string | null, extension: string): void {
	expect(disposition).toMatch(/^attachment\b/);
	expect(disposition).toContain(`.${extension}`);
}

describe('export', () => {
	it('Markdown: an attachment with every card, its author or "anonymous", and the solution under its challenge', async () => {
		const response = await facilitator.device.get(exportPath('md'));
		expectStatus(response, 200);
		expectAttachment(response.headers.get('content-disposition'), 'md');
		const text = response.text;
		expect(text).toContain(CHALLENGE);
		expect(text).toContain(SOLUTION);
		expect(text).toContain(FACILITATOR_NOTE);
		expect(text).toContain('Amira');
		expect(text).toContain('Fatma Facilitator');
		expect(text).toMatch(/Anonym/i);
		// The linked solution is listed again right below its challenge.
		const challengeLine = text.split('\n').findIndex((line) => line.includes(CHALLENGE));
		const following = text.split('\n').slice(challengeLine + 1);
		expect(following[0]).toContain(SOLUTION);
		expect(following[0].startsWith('  ')).toBe(true);
	});

	it('CSV: UTF-8 with a byte order mark, an attachment, one row per card with the linked text', async () => {
		const response = await facilitator.device.get(exportPath('csv'));
		expectStatus(response, 200);
		expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
		expectAttachment(response.headers.get('content-disposition'), 'csv');
		expect([...response.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		// Semicolon-separated (German Excel); none of these texts needs quoting.
		const rows = response.text
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/)
			.map((row) => row.split(';'));
		expect(rows).toHaveLength(1 + 3);
		const textColumn = 3;
		const challengeRow = rows.find((row) => row[textColumn] === CHALLENGE)!;
		const solutionRow = rows.find((row) => row[textColumn] === SOLUTION)!;
		expect(challengeRow).toContain('Amira');
		expect(challengeRow.at(-1)).toBe(SOLUTION);
		expect(solutionRow.join(';')).toMatch(/Anonym/i);
		expect(solutionRow.at(-1)).toBe(CHALLENGE);
		expect(response.text).toContain(FACILITATOR_NOTE);
	});

	it('JSON: an attachment with the columns, cards and links', async () => {
		const response = await facilitator.device.get(exportPath('json'));
		expectStatus(response, 200);
		expectAttachment(response.headers.get('content-disposition'), 'json');
		const content = JSON.parse(response.text);
		const texts = content.cards.map((card: { text: string }) => card.text).sort();
		expect(texts).toEqual([CHALLENGE, FACILITATOR_NOTE, SOLUTION].sort());
		const challenge = content.cards.find((card: { text: string }) => card.text === CHALLENGE);
		const solution = content.cards.find((card: { text: string }) => card.text === SOLUTION);
		expect(challenge.authorName).toBe('Amira');
		expect(solution.authorName).toBeNull();
		expect(content.links).toEqual([
			expect.objectContaining({ solutionId: solution.id, challengeId: challenge.id })
		]);
		expect(content.columns.map((column: { kind: string }) => column.kind)).toEqual(['challenge', 'solution']);
	});

	it('a participant of the board may export it too, in English when asked', async () => {
		const participant = await join(server, facilitator.board.joinCode, 'Pia');
		const response = await participant.device.get(exportPath('md'), { headers: { 'accept-language': 'en' } });
		expectStatus(response, 200);
		expect(response.text).toContain(CHALLENGE);
		expect(response.text).toMatch(/Anonym/i);
	});

	it('an unknown format answers 400 invalid_input; strangers 401/403; an unknown board 404', async () => {
		expectError(await facilitator.device.get(exportPath('pdf')), 400, 'invalid_input');
		expectError(await new Device(server.url).get(exportPath('md')), 401, 'unauthenticated');
		const stranger = await facilitatorWithBoard(server);
		expectError(await stranger.device.get(exportPath('csv')), 403, 'forbidden');
		expectError(
			await facilitator.device.get('/api/v1/boards/doesnotexist123/export?format=md'),
			404,
			'not_found'
		);
	});
});
