/** Participant data and its end: retention, deleting a meeting, and the meeting's data as one archive. */
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeDocument } from '../../src/lib/outcome/format';
import { Device } from './helpers/http';
import { expectError, expectStatus } from './helpers/flows';
import { postForm } from './helpers/facilitation';
import { readStoredBoard } from './helpers/database';
import { connectSynced, waitFor } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';
import { finish, runWorkshop, TEXTS, type Workshop } from './helpers/outcomes';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.stop();
});

function count(sql: string, ...params: unknown[]): number {
	const db = new Database(server.databaseFile, { readonly: true });
	try {
		return (db.prepare(sql).get(...params) as { n: number }).n;
	} finally {
		db.close();
	}
}

function storedBytes(sql: string, ...params: unknown[]): Buffer {
	const db = new Database(server.databaseFile, { readonly: true });
	try {
		const rows = db.prepare(sql).all(...params) as Array<Record<string, Buffer | string>>;
		return Buffer.concat(rows.flatMap((row) => Object.values(row).map((value) => Buffer.from(value))));
	} finally {
		db.close();
	}
}

async function restart(devices: Device[]): Promise<void> {
	await server.stop();
	server = await startServer({ dataDir: server.dataDir });
	for (const device of devices) device.baseUrl = server.url;
}

describe('retention', () => {
	let workshop: Workshop;
	let outcomeId: string;

	it('a facilitator sets the date in the meeting form, and the join page states it', async () => {
		workshop = await runWorkshop(server);
		const { facilitator } = workshop;
		const saved = await postForm(facilitator.device, `/meetings/${facilitator.meetingId}?/update`, {
			title: 'Stadtteilkonferenz',
			retainUntil: '2031-06-30',
			timeZone: 'Europe/Berlin'
		});
		expect(saved.status, saved.text.slice(0, 200)).toBe(200);
		const meeting = await facilitator.device.get(`/api/v1/meetings/${facilitator.meetingId}`);
		// The whole 30 June in Berlin summer time (UTC+2).
		expect(meeting.body.meeting.retainUntil).toBe('2031-06-30T21:59:59.999Z');
		const join = await new Device(server.url).get(`/join/${facilitator.board.joinCode}`);
		expect(join.text).toContain('30.06.2031');
		expect(join.text).toContain('gelöscht');
	});

	it('once the date has passed, deletes names, organisations and e-mail addresses and keeps the words', async () => {
		const { facilitator, amira } = workshop;
		await postForm(new Device(server.url), `/join/${facilitator.board.joinCode}`, {
			name: 'Gül',
			organisation: 'Verein Nachbarschaft',
			email: 'guel@example.org',
			emailConsent: 'yes'
		});
		outcomeId = (await finish(workshop)).id;
		const before = (await facilitator.device.get(`/api/v1/outcomes/${outcomeId}`)).body as OutcomeDocument;
		expect(before.cards.map((card) => card.authorName)).toContain('Amira');

		const past = await facilitator.device.request('PATCH', `/api/v1/meetings/${facilitator.meetingId}`, {
			title: 'Stadtteilkonferenz',
			retainUntil: Date.now() - 1000
		});
		expectStatus(past, 200);
		workshop.close();
		// The retention run starts with the server (then hourly).
		await restart([facilitator.device, amira.device]);
		await waitFor(
			() => count('SELECT COUNT(*) AS n FROM participants') === 0,
			'participants deleted',
			10_000
		);

		const after = (await facilitator.device.get(`/api/v1/outcomes/${outcomeId}`)).body as OutcomeDocument;
		expect(after.anonymisedAt).not.toBeNull();
		expect(after.cards.every((card) => card.authorName === null)).toBe(true);
		expect(after.cards.map((card) => card.text)).toEqual(before.cards.map((card) => card.text));
		expect(after.challenges).toEqual(before.challenges);

		for (const name of ['Amira', 'Boris', 'Gül', 'Nachbarschaft', 'guel@example.org']) {
			expect(
				storedBytes('SELECT document, yjs_state FROM outcomes').includes(name),
				`${name} in outcomes`
			).toBe(false);
			expect(storedBytes('SELECT data FROM board_snapshots').includes(name), `${name} in the snapshot`).toBe(
				false
			);
			expect(storedBytes('SELECT data FROM board_updates').includes(name), `${name} in the update log`).toBe(
				false
			);
		}
		const board = readStoredBoard(server.databaseFile, facilitator.board.id);
		expect(board.getMap('cards').size).toBe(before.cards.length);
		const live = await connectSynced(server, facilitator.board.id, facilitator.device.cookie);
		expect(
			[...live.doc.getMap<import('yjs').Map<unknown>>('cards').values()].map((card) => card.get('authorName'))
		).toEqual(before.cards.map(() => null));
		live.destroy();

		// A participant's device no longer opens the board: its record is gone.
		expect((await amira.device.get(`/api/v1/boards/${facilitator.board.id}`)).status).toBe(403);
		const page = await facilitator.device.get(`/outcomes/${outcomeId}`);
		expect(page.text).toContain('Aufbewahrungsfrist');
	});
});

describe('deleting a meeting and its archive', () => {
	let workshop: Workshop;
	let outcomeId: string;
	let shareUrl: string;

	beforeAll(async () => {
		workshop = await runWorkshop(server);
		await postForm(new Device(server.url), `/join/${workshop.facilitator.board.joinCode}`, {
			name: 'Hanna',
			organisation: 'Elternverein',
			email: 'hanna@example.org',
			emailConsent: 'yes'
		});
		outcomeId = (await finish(workshop)).id;
		shareUrl = (await workshop.facilitator.device.post(`/api/v1/outcomes/${outcomeId}/shares`)).body.share
			.url;
	});

	afterAll(() => workshop?.close());

	it('exports everything stored about the meeting as one ZIP archive, for its facilitator only', async () => {
		const { facilitator } = workshop;
		const path = `/api/v1/meetings/${facilitator.meetingId}/archive`;
		expectError(await workshop.amira.device.get(path), 403, 'forbidden');
		const response = await facilitator.device.get(path);
		expectStatus(response, 200);
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment;.*\.zip"/);
		const zip = await JSZip.loadAsync(response.bytes);
		const names = Object.keys(zip.files).sort();
		expect(names).toEqual(
			expect.arrayContaining([
				'meeting.json',
				'participants.csv',
				'1-Mobilität/board.json',
				'1-Mobilität/board.csv',
				'1-Mobilität/outcome-v1.json',
				'1-Mobilität/outcome-v1.md',
				'1-Mobilität/outcome-v1.csv'
			])
		);
		const people = await zip.file('participants.csv')!.async('string');
		expect(people).toContain('Hanna;Elternverein;hanna@example.org');
		expect(people).toContain('Amira');
		const outcome = await zip.file('1-Mobilität/outcome-v1.json')!.async('string');
		expect(outcome).toBe((await facilitator.device.get(`/api/v1/outcomes/${outcomeId}`)).text);
		expect(await zip.file('1-Mobilität/board.json')!.async('string')).toContain(TEXTS.arabic);
	});

	it('deletes the meeting with its boards, outcomes, share links and participant data, and closes live connections', async () => {
		const { facilitator, amira } = workshop;
		expectError(
			await amira.device.request('DELETE', `/api/v1/meetings/${facilitator.meetingId}`),
			403,
			'forbidden'
		);
		const watching = await connectSynced(server, facilitator.board.id, amira.device.cookie);
		const deleted = await facilitator.device.request('DELETE', `/api/v1/meetings/${facilitator.meetingId}`);
		expect(deleted.status).toBe(204);
		expect(await watching.closed()).toBe(4404);
		watching.destroy();

		expectError(await facilitator.device.get(`/api/v1/meetings/${facilitator.meetingId}`), 404, 'not_found');
		expectError(await facilitator.device.get(`/api/v1/boards/${facilitator.board.id}`), 404, 'not_found');
		expectError(await facilitator.device.get(`/api/v1/outcomes/${outcomeId}`), 404, 'not_found');
		expect((await new Device(server.url).get(new URL(shareUrl).pathname)).status).toBe(404);
		const found = await facilitator.device.get(`/api/v1/search?q=${encodeURIComponent('Förderung')}`);
		expect(found.body.results).toEqual([]);
		for (const table of [
			'boards',
			'participants',
			'outcomes',
			'outcome_shares',
			'board_updates',
			'board_snapshots',
			'votes'
		]) {
			const column = table === 'boards' ? 'id' : table.startsWith('outcome_') ? 'outcome_id' : 'board_id';
			const key = table.startsWith('outcome_') ? outcomeId : facilitator.board.id;
			expect(count(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`, key), table).toBe(0);
		}
		expect(count('SELECT COUNT(*) AS n FROM outcome_search WHERE outcome_id = ?', outcomeId)).toBe(0);
		expect(
			storedBytes('SELECT name, organisation, email FROM participants WHERE email IS NOT NULL').includes(
				'hanna'
			)
		).toBe(false);
	});
});
