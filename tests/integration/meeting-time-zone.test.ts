/**
 * A Hamburg meeting on a server that runs in UTC: the meeting keeps its IANA zone,
 * its date and time are read in that zone, and every file and page the server
 * writes shows the Berlin wall clock, naming the zone.
 */
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createBoard, expectError, expectStatus, join, signup, type Facilitator } from './helpers/flows';
import { postForm } from './helpers/facilitation';
import { writeCard } from './helpers/board';
import { connectSynced } from './helpers/yjs';
import { fingerprint } from './helpers/database';
import { startServer, type RunningServer } from './helpers/server';
import { formatShortDateTime } from '../../src/lib/format';

const BERLIN = 'Europe/Berlin';
/** 29 March 2026, the day summer time starts: 14:30 in Berlin is 12:30 UTC. */
const STARTS_AT = '2026-03-29T14:30';
const STARTS_AT_UTC = '2026-03-29T12:30:00.000Z';
const STARTS_AT_SHOWN = 'Sonntag, 29. März 2026 um 14:30 MESZ';

let server: RunningServer;
let facilitator: Facilitator;

beforeAll(async () => {
	// DEFAULT_TIME_ZONE is left at its default (Europe/Berlin); the process itself runs in UTC.
	server = await startServer({ env: { TZ: 'UTC' } });
	facilitator = await signup(server);
});

afterAll(async () => {
	await server?.stop();
});

async function createMeeting(body: Record<string, unknown>) {
	const response = await facilitator.device.post('/api/v1/meetings', { title: 'Netzwerktreffen', ...body });
	expectStatus(response, 201);
	return response.body.meeting;
}

async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true })
		.promise;
	let text = '';
	for (let number = 1; number <= pdf.numPages; number++) {
		const content = await (await pdf.getPage(number)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
	}
	return text;
}

describe("a meeting's time zone", () => {
	it("the API reads a time without an offset in the meeting's zone and answers the zone", async () => {
		const meeting = await createMeeting({ startsAt: STARTS_AT, timeZone: BERLIN });
		expect(meeting).toMatchObject({ startsAt: STARTS_AT_UTC, timeZone: BERLIN });

		// Without a zone: DEFAULT_TIME_ZONE, not the server's UTC.
		expect(await createMeeting({ startsAt: STARTS_AT })).toMatchObject({
			startsAt: STARTS_AT_UTC,
			timeZone: BERLIN
		});
		// A time with an offset means what it says, whatever the zone.
		expect(
			await createMeeting({ startsAt: '2026-03-01T18:00:00Z', timeZone: 'America/New_York' })
		).toMatchObject({ startsAt: '2026-03-01T18:00:00.000Z', timeZone: 'America/New_York' });

		// Editing without a zone keeps the meeting's own and reads the new time in it.
		const newYork = await createMeeting({ startsAt: STARTS_AT, timeZone: 'America/New_York' });
		const edited = await facilitator.device.request('PATCH', `/api/v1/meetings/${newYork.id}`, {
			title: 'Netzwerktreffen',
			startsAt: '2026-07-01T09:00'
		});
		expectStatus(edited, 200);
		expect(edited.body.meeting).toMatchObject({
			startsAt: '2026-07-01T13:00:00.000Z',
			timeZone: 'America/New_York'
		});
	});

	it('refuses a zone that is not an IANA zone, and stores nothing', async () => {
		const before = fingerprint(server.databaseFile);
		for (const timeZone of ['Mars/Olympus', '+02:00', 120]) {
			expectError(
				await facilitator.device.post('/api/v1/meetings', { title: 'T', startsAt: STARTS_AT, timeZone }),
				400,
				'invalid_input'
			);
		}
		expect(fingerprint(server.databaseFile)).toEqual(before);
	});

	it('the form takes the zone the browser sends, and DEFAULT_TIME_ZONE without JavaScript', async () => {
		const withScript = await postForm(facilitator.device, '/dashboard?/create', {
			title: 'Mit Zeitzone',
			startsAt: '2026-07-01T09:00',
			timeZone: 'America/New_York'
		});
		expectStatus(withScript, 303);
		const id = withScript.headers.get('location')!.split('/').at(-1);
		const stored = await facilitator.device.get(`/api/v1/meetings/${id}`);
		expect(stored.body.meeting).toMatchObject({
			startsAt: '2026-07-01T13:00:00.000Z',
			timeZone: 'America/New_York'
		});

		const withoutScript = await postForm(facilitator.device, '/dashboard?/create', {
			title: 'Ohne JavaScript',
			startsAt: STARTS_AT
		});
		expectStatus(withoutScript, 303);
		const page = await facilitator.device.get(withoutScript.headers.get('location')!);
		expectStatus(page, 200);
		// The page shows the Berlin time with its zone, and the form gives it back as typed, in the same zone.
		expect(page.text).toContain(STARTS_AT_SHOWN);
		expect(page.text).toContain(`value="${STARTS_AT}"`);
		expect(page.text).toContain(`name="timeZone" value="${BERLIN}"`);
		expect(page.text).toContain('(Europe/Berlin)');
	});

	it("every export and the outcome page show the Berlin wall clock, not the server's UTC", async () => {
		const meeting = await createMeeting({ startsAt: STARTS_AT, timeZone: BERLIN });
		const board = await createBoard(facilitator.device, meeting.id, 'Zeitzonen');
		const amira = await join(server, board.joinCode, 'Amira');
		const client = await connectSynced(server, board.id, amira.device.cookie);
		writeCard(client.doc, amira, 'challenge', 'Zu wenig Räume am Abend');
		await client.flush();
		client.destroy();

		// The board's Markdown: each card's time in Berlin, with the zone's name.
		const boardJson = await facilitator.device.get(`/api/v1/boards/${board.id}/export?format=json`);
		const createdAt = JSON.parse(boardJson.text).cards[0].createdAt as number;
		const cardTime = formatShortDateTime(createdAt, 'de', BERLIN);
		const utcTime = formatShortDateTime(createdAt, 'de', 'UTC');
		expect(cardTime).not.toBe(utcTime);
		const boardMarkdown = (await facilitator.device.get(`/api/v1/boards/${board.id}/export?format=md`)).text;
		expect(boardMarkdown).toContain(cardTime);
		expect(boardMarkdown).not.toContain(utcTime);

		const finished = await facilitator.device.post(`/api/v1/boards/${board.id}/finish`);
		expectStatus(finished, 201);
		const outcome = finished.body.outcome;
		const finishedAt = formatShortDateTime(Date.parse(outcome.createdAt), 'de', BERLIN);
		const exportOf = (format: string) =>
			facilitator.device.get(`/api/v1/outcomes/${outcome.id}/export?format=${format}`);

		const document = JSON.parse((await exportOf('json')).text);
		expect(document.meeting).toMatchObject({ startsAt: STARTS_AT_UTC, timeZone: BERLIN });

		const markdown = (await exportOf('md')).text;
		expect(markdown).toContain(STARTS_AT_SHOWN);
		expect(markdown).toContain(`abgeschlossen ${finishedAt}`);
		expect(markdown).not.toContain('12:30');

		const zip = await JSZip.loadAsync((await exportOf('docx')).bytes);
		const docx = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
		expect(docx).toContain(STARTS_AT_SHOWN);
		expect(docx).toContain(finishedAt);

		const pdf = await exportOf('pdf');
		expectStatus(pdf, 200);
		const text = await pdfText(pdf.bytes);
		expect(text).toContain(STARTS_AT_SHOWN);
		expect(text).not.toContain('12:30');

		const page = await facilitator.device.get(`/outcomes/${outcome.id}`);
		expectStatus(page, 200);
		expect(page.text).toContain(STARTS_AT_SHOWN);
		expect(page.text).toContain(finishedAt);

		// The pages around it too: the join page participants open, and the search that finds the outcome.
		const joinPage = await facilitator.device.get(`/join/${board.joinCode}`);
		expectStatus(joinPage, 200);
		expect(joinPage.text).toContain(STARTS_AT_SHOWN);
		const found = await facilitator.device.get(`/api/v1/search?q=${encodeURIComponent('Räume')}`);
		expect(found.body.results[0]).toMatchObject({ meetingTimeZone: BERLIN });
	});

	it('a meeting and an outcome stored before zones were kept take DEFAULT_TIME_ZONE', async () => {
		const meeting = await createMeeting({ startsAt: STARTS_AT, timeZone: 'Asia/Tokyo' });
		const board = await createBoard(facilitator.device, meeting.id, 'Alt');
		const finished = await facilitator.device.post(`/api/v1/boards/${board.id}/finish`);
		expectStatus(finished, 201);
		// What the migration leaves on older rows, and what older outcome documents hold: no zone.
		const db = new Database(server.databaseFile);
		try {
			db.prepare('UPDATE meetings SET time_zone = NULL WHERE id = ?').run(meeting.id);
			db.prepare(
				`UPDATE outcomes SET document = json_remove(document, '$.meeting.timeZone') WHERE id = ?`
			).run(finished.body.outcome.id);
		} finally {
			db.close();
		}
		const stored = await facilitator.device.get(`/api/v1/meetings/${meeting.id}`);
		expect(stored.body.meeting.timeZone).toBe(BERLIN);
		const outcome = await facilitator.device.get(`/api/v1/outcomes/${finished.body.outcome.id}`);
		expect(outcome.body.meeting.timeZone).toBeUndefined();
		const markdown = await facilitator.device.get(
			`/api/v1/outcomes/${finished.body.outcome.id}/export?format=md`
		);
		// 14:30 in Tokyo is 07:30 in Berlin (summer time).
		expect(markdown.text).toContain('Sonntag, 29. März 2026 um 07:30 MESZ');
	});
});
