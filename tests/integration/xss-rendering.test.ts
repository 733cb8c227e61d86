/**
 * Script payloads in card texts, participant names and organisations, the
 * facilitator's name and meeting and board titles are text everywhere: on
 * every page (all of them, found on disk), for every viewer, and in every
 * export format (read from the code), never markup a browser, a Markdown
 * viewer, Word or the PDF renderer would run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { linkCards } from '../../src/lib/board/links';
import {
	createBoard,
	expectStatus,
	signup,
	createMeeting,
	join,
	type BoardJson,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { Device, type ApiResponse } from './helpers/http';
import { writeCard } from './helpers/board';
import { connectSynced } from './helpers/yjs';
import { constantList, discoverPages, routeUrl } from './helpers/routes';
import { startServer, type RunningServer } from './helpers/server';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const PAYLOADS = [IMG, SCRIPT];
const BOTH = `${IMG} ${SCRIPT}`;

let server: RunningServer;
let owner: Facilitator;
let participant: Participant;
let meetingId: string;
let live: BoardJson;
let outcomeId: string;
const tokens: Record<string, string> = {};

/** A board with cards, a link, a named participant, all carrying the payloads. */
async function fill(board: BoardJson): Promise<void> {
	// The same device is another participant on each board.
	const author = await join(server, board.joinCode, IMG, participant.device);
	const client = await connectSynced(server, board.id, author.device.cookie);
	const challenge = writeCard(client.doc, author, 'challenge', `Problem ${BOTH}`);
	const solution = writeCard(client.doc, author, 'solution', `Lösung ${SCRIPT}`);
	linkCards(client.doc, {
		solutionId: solution,
		challengeId: challenge,
		authorId: author.id,
		createdAt: 1
	});
	await client.flush();
	client.destroy();
	const facilitatorClient = await connectSynced(server, board.id, owner.device.cookie);
	writeCard(
		facilitatorClient.doc,
		{ id: owner.user.id, name: owner.user.name },
		'challenge',
		`Moderation ${IMG}`
	);
	await facilitatorClient.flush();
	facilitatorClient.destroy();
}

beforeAll(async () => {
	server = await startServer();
	owner = await signup(server, { name: `Fatma ${IMG}` });
	const meeting = await createMeeting(owner.device, `Treffen ${SCRIPT}`);
	meetingId = meeting.id;
	expectStatus(
		await owner.device.request('PATCH', `/api/v1/meetings/${meetingId}`, {
			title: `Treffen ${SCRIPT}`,
			location: `Saal ${IMG}`,
			description: `Beschreibung ${BOTH}`
		}),
		200
	);
	live = await createBoard(owner.device, meetingId, `Board ${BOTH}`);
	participant = await join(server, live.joinCode, IMG);
	expectStatus(
		await participant.device.post('/api/v1/join', { code: live.joinCode, name: IMG, organisation: SCRIPT }),
		200
	);
	await fill(live);

	const finished = await createBoard(owner.device, meetingId, `Ergebnis ${BOTH}`);
	await fill(finished);
	const finish = await owner.device.post(`/api/v1/boards/${finished.id}/finish`, {});
	expectStatus(finish, 201);
	outcomeId = finish.body.outcome.id;
	const share = await owner.device.post(`/api/v1/outcomes/${outcomeId}/shares`, {});
	expectStatus(share, 201);
	tokens.share = /\/share\/([^/?#]+)/.exec(share.body.share.url)![1];
	for (const kind of ['viewer', 'cofacilitator'] as const) {
		const created = await owner.device.request('POST', `/boards/${live.id}/share?/create`, undefined, {
			raw: `kind=${kind}`,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: server.url
			}
		});
		const path = kind === 'viewer' ? 'view' : 'cofacilitate';
		tokens[path] = new RegExp(`/${path}/([a-zA-Z0-9_-]+)`).exec(created.text)![1];
	}
}, 90_000);

afterAll(async () => {
	await server?.stop();
});

/** No payload appears as markup; `where` names the page or file in the failure. */
function expectNoMarkup(text: string, where: string): void {
	for (const payload of PAYLOADS)
		expect(text.includes(payload), `${where} contains ${payload} as markup`).toBe(false);
}

function pageUrl(pattern: string): string {
	const token = pattern.includes('/view/')
		? tokens.view
		: pattern.includes('/cofacilitate/')
			? tokens.cofacilitate
			: tokens.share;
	return routeUrl(pattern, { boardId: live.id, meetingId, outcomeId, token, code: live.joinCode });
}

describe('every page', () => {
	const pages = discoverPages();

	it('are found on disk', () => {
		expect(pages).toContain('/boards/[boardId]');
		expect(pages).toContain('/');
	});

	it.each(pages)('%s shows the payloads as text to everyone', async (pattern) => {
		const url = pageUrl(pattern);
		const viewers: Array<[string, Device]> = [
			['the facilitator', owner.device],
			['the participant', participant.device],
			['a visitor', new Device(server.url)]
		];
		for (const [who, device] of viewers) {
			const response = await device.get(url, { headers: { accept: 'text/html' } });
			expectNoMarkup(response.text, `${url} for ${who} (${response.status})`);
		}
	});

	it('the live board, the meeting and the outcome do show the payloads, escaped', async () => {
		for (const [url, device] of [
			[`/boards/${live.id}`, participant.device],
			[`/meetings/${meetingId}`, owner.device],
			[`/outcomes/${outcomeId}`, owner.device],
			[`/share/${tokens.share}`, new Device(server.url)]
		] as const) {
			const response = await device.get(url, { headers: { accept: 'text/html' } });
			expect(response.status, url).toBe(200);
			expect(response.text, url).toContain('&lt;img src=x onerror=alert(1)>');
			expect(response.text, url).toContain('&lt;script>alert(2)&lt;/script>');
		}
	});
});

async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocument({ data: bytes, useSystemFonts: true }).promise;
	let text = '';
	for (let page = 1; page <= pdf.numPages; page++) {
		const content = await (await pdf.getPage(page)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
	}
	return text.replace(/\s+/g, '');
}

/** Checks one exported file by what opens it: a Markdown viewer, Word, a PDF reader, or a data tool. */
async function expectTextIn(format: string, response: ApiResponse, where: string): Promise<void> {
	expect(response.status, `${where}: ${response.text.slice(0, 200)}`).toBe(200);
	expect(response.headers.get('content-type') ?? '', where).not.toContain('text/html');
	expect(response.headers.get('content-disposition') ?? '', where).toMatch(/^attachment/);
	switch (format) {
		case 'md':
			expectNoMarkup(response.text, where);
			expect(response.text, where).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
			return;
		case 'csv':
		case 'json':
			// Data files keep people's words exactly; nothing renders them as markup.
			for (const payload of PAYLOADS) expect(response.text, where).toContain(payload);
			return;
		case 'docx': {
			const zip = await JSZip.loadAsync(response.bytes);
			const xml = await zip.file('word/document.xml')!.async('string');
			expectNoMarkup(xml, where);
			expect(xml, where).toContain('&lt;img src=x onerror=alert(1)&gt;');
			return;
		}
		case 'pdf': {
			const text = await pdfText(response.bytes);
			for (const payload of PAYLOADS) expect(text, where).toContain(payload.replace(/\s+/g, ''));
			return;
		}
		default:
			throw new Error(`${where}: no check for the export format "${format}"; add one`);
	}
}

describe('every export', () => {
	const boardFormats = constantList('src/lib/server/board-export.ts', 'EXPORT_FORMATS');
	const outcomeFormats = constantList('src/lib/server/outcomes-export.ts', 'OUTCOME_FORMATS');

	it.each(boardFormats)('the live board as %s', async (format) => {
		const url = `/api/v1/boards/${live.id}/export?format=${format}`;
		await expectTextIn(format, await participant.device.get(url), url);
	});

	it.each(outcomeFormats)(
		'the outcome as %s, also through its share link',
		async (format) => {
			for (const [url, device] of [
				[`/api/v1/outcomes/${outcomeId}/export?format=${format}`, owner.device],
				[`/share/${tokens.share}/export?format=${format}`, new Device(server.url)]
			] as const) {
				await expectTextIn(format, await device.get(url), url);
			}
		},
		60_000
	);

	it('the meeting archive: every file in it', async () => {
		const url = `/api/v1/meetings/${meetingId}/archive`;
		const response = await owner.device.get(url);
		expect(response.status).toBe(200);
		const zip = await JSZip.loadAsync(response.bytes);
		const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
		expect(names.length).toBeGreaterThan(0);
		for (const name of names) {
			const extension = name.split('.').pop()!;
			const bytes = await zip.file(name)!.async('uint8array');
			const text = new TextDecoder().decode(bytes);
			if (extension === 'md' || extension === 'html') expectNoMarkup(text, `${url} → ${name}`);
			if (extension === 'docx') {
				const inner = await JSZip.loadAsync(bytes);
				expectNoMarkup(await inner.file('word/document.xml')!.async('string'), `${url} → ${name}`);
			}
		}
	});
});
