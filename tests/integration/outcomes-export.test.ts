/** Every export of an outcome, parsed back the way its readers' programs read it. */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeDocument } from '../../src/lib/outcome/format';
import { Device } from './helpers/http';
import { createBoard, expectError, expectStatus, join } from './helpers/flows';
import { writeCard } from './helpers/board';
import { connectSynced, sleep, waitFor } from './helpers/yjs';
import { fingerprint } from './helpers/database';
import { PROJECT_ROOT, startServer, type RunningServer } from './helpers/server';
import { compareImages, decodeGreyPng, hasPdftoppm, renderPdfPage } from './helpers/images';
import { finish, runWorkshop, TEXTS, type Workshop } from './helpers/outcomes';
import { linkCards } from '../../src/lib/board/links';
import { applyTextChange } from '../../src/lib/board/cards';
import { openTranslation } from '../../src/lib/board/translations';
import { findCard } from './helpers/board';
import type * as Y from 'yjs';

const REFERENCE = path.join(PROJECT_ROOT, 'tests/fixtures/outcome-pdf-arabic.png');

let server: RunningServer;
let workshop: Workshop;
let outcomeId: string;

/** Translations as the board writes them: into the card's `translations`, over Yjs. */
function translate(doc: Y.Doc, cardId: string, lang: string, text: string): void {
	applyTextChange(openTranslation(doc, cardId, lang)!, text);
}

const TRANSLATIONS = {
	rooms: 'لا توجد قاعات بأسعار معقولة للقاءات',
	arabic: 'Zu wenig Geld für kleine Initiativen',
	fund: 'صندوقی برای پروژه‌های کوچک'
};

beforeAll(async () => {
	server = await startServer();
	workshop = await runWorkshop(server);
	const { facilitator } = workshop.clients;
	await waitFor(
		() => findCard(facilitator.doc, workshop.ids.rooms) && findCard(facilitator.doc, workshop.ids.arabic),
		'the cards at the facilitator'
	);
	translate(facilitator.doc, workshop.ids.rooms, 'ar', TRANSLATIONS.rooms);
	translate(facilitator.doc, workshop.ids.arabic, 'de', TRANSLATIONS.arabic);
	translate(facilitator.doc, workshop.ids.fund, 'fa', TRANSLATIONS.fund);
	await facilitator.flush();
	outcomeId = (await finish(workshop)).id;
});

afterAll(async () => {
	workshop?.close();
	await server?.stop();
});

function exportPath(format: string, id = outcomeId): string {
	return `/api/v1/outcomes/${id}/export?format=${format}`;
}

async function download(format: string) {
	const response = await workshop.facilitator.device.get(exportPath(format));
	expectStatus(response, 200);
	expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment;.*\\.${format}"`));
	return response;
}

/** The words every file must hold: challenges, their solution, the recommendation and its sources. */
const MUST_HOLD = [
	TEXTS.funding,
	TEXTS.rooms,
	TEXTS.cyrillic,
	TEXTS.turkish,
	TEXTS.fund,
	TEXTS.mentoring,
	TEXTS.recommendation
];

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
	const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true })
		.promise;
	let text = '';
	for (let number = 1; number <= pdf.numPages; number++) {
		const content = await (await pdf.getPage(number)).getTextContent();
		text +=
			content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('') +
			'\n';
	}
	return { pages: pdf.numPages, text };
}

/** PDF text of right-to-left lines comes out in visual order and in presentation forms: undo both. */
function logicalRightToLeft(text: string): string {
	return [...text.normalize('NFKC')].reverse().join('');
}

describe('outcome exports', () => {
	it('refuses an unknown format with 400 and changes nothing', async () => {
		const before = fingerprint(server.databaseFile);
		expectError(await workshop.facilitator.device.get(exportPath('xlsx')), 400, 'invalid_input');
		expectError(await new Device(server.url).get(exportPath('md')), 401, 'unauthenticated');
		expect(fingerprint(server.databaseFile)).toEqual(before);
	});

	it('Markdown holds the ranked challenges with their solutions, themes and recommendations', async () => {
		const { text } = await download('md');
		for (const words of MUST_HOLD) expect(text).toContain(words);
		expect(text).toContain(`- **1.** ${TEXTS.rooms} (3 Stimmen)`);
		expect(text).toMatch(
			/- \*\*3\.\*\* Zu wenig Förderung für kleine Vereine \(0 Stimmen\)\n {2}- Lösungsidee: Ein Fonds für Kleinstprojekte \(1 Stimme\)/
		);
		expect(text).toContain('## Empfehlungen');
		// Translations under their card, named in their own language.
		expect(text).toContain(`- **1.** ${TEXTS.rooms} (3 Stimmen)\n  - العربية: ${TRANSLATIONS.rooms}\n`);
		expect(text).toContain(`  - Lösungsidee: ${TEXTS.fund} (1 Stimme)\n    - فارسی: ${TRANSLATIONS.fund}\n`);
	});

	it('CSV (UTF-8 with BOM) parses into one row per card with rank, votes and relations', async () => {
		const response = await download('csv');
		expect([...response.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parse(response.text, { bom: true, delimiter: ';', columns: true }) as Array<
			Record<string, string>
		>;
		expect(rows).toHaveLength(9);
		const byText = new Map(rows.map((row) => [row.Text, row]));
		for (const words of [...MUST_HOLD, TEXTS.arabic, TEXTS.persian])
			expect(byText.has(words), words).toBe(true);
		expect(rows[0]).toMatchObject({
			Rang: '1',
			Art: 'Herausforderung',
			Text: TEXTS.rooms,
			Stimmen: '3',
			'Autor*in': 'Boris'
		});
		expect(byText.get(TEXTS.funding)).toMatchObject({ Thema: TEXTS.cluster, 'Verknüpft mit': TEXTS.fund });
		expect(byText.get(TEXTS.cyrillic)?.['Autor*in']).toBe('Anonym');
		expect(byText.get(TEXTS.recommendation)).toMatchObject({
			Art: 'Empfehlung',
			'Verknüpft mit': `${TEXTS.cluster} | ${TEXTS.fund}`
		});
		expect(byText.get(TEXTS.rooms)).toMatchObject({ 'Übersetzung (Arabisch)': TRANSLATIONS.rooms });
		expect(byText.get(TEXTS.arabic)).toMatchObject({ 'Übersetzung (Deutsch)': TRANSLATIONS.arabic });
	});

	it('JSON is the outcome document (docs/outcome-format.md)', async () => {
		const response = await download('json');
		const exported = JSON.parse(response.text) as OutcomeDocument;
		const stored = (await workshop.facilitator.device.get(`/api/v1/outcomes/${outcomeId}`)).body;
		expect(exported).toEqual(stored);
		expect(exported.recommendations[0].sourceIds).toEqual([workshop.ids.cluster, workshop.ids.fund]);
	});

	it('DOCX unzips to word/document.xml with every card, right-to-left paragraphs marked', async () => {
		const response = await download('docx');
		const zip = await JSZip.loadAsync(response.bytes);
		const xml = await zip.file('word/document.xml')!.async('string');
		const text = xml.replace(/<[^>]+>/g, '');
		for (const words of [...MUST_HOLD, TEXTS.arabic, TEXTS.persian, TEXTS.cluster])
			expect(text).toContain(words);
		expect(xml).toMatch(/<w:bidi\/>[\s\S]*?نقص التمويل/);
		expect(xml).toContain('<w:rtl/>');
		// Each translation its own paragraph: right to left and marked Arabic or Persian, or left to right and German.
		const paragraphs = xml.split('</w:p>');
		const paragraphOf = (words: string) => paragraphs.find((paragraph) => paragraph.includes(words)) ?? '';
		expect(paragraphOf(TRANSLATIONS.rooms)).toMatch(/<w:bidi\/>[\s\S]*w:bidi="ar"[\s\S]*العربية: /);
		expect(paragraphOf(TRANSLATIONS.fund)).toMatch(/<w:bidi\/>[\s\S]*w:bidi="fa"[\s\S]*فارسی: /);
		expect(paragraphOf(TRANSLATIONS.arabic)).toContain('w:val="de"');
		expect(paragraphOf(TRANSLATIONS.arabic)).not.toContain('<w:bidi/>');
		expect(paragraphOf(TRANSLATIONS.arabic)).toContain('Deutsch: ');
	});

	it('PDF is A4 with the title, participants, ranking, chart labels and every text', async () => {
		const response = await download('pdf');
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(new TextDecoder().decode(response.bytes.slice(0, 5))).toBe('%PDF-');
		const pdf = await getDocument({ data: response.bytes.slice() }).promise;
		const viewport = (await pdf.getPage(1)).getViewport({ scale: 1 });
		// A4 in points: 595 × 842.
		expect([Math.round(viewport.width), Math.round(viewport.height)]).toEqual([595, 842]);
		const { text } = await pdfText(response.bytes);
		for (const words of [
			...MUST_HOLD,
			'Stadtteilkonferenz',
			'Mobilität',
			'3 Teilnehmende',
			'Die meisten Stimmen'
		]) {
			expect(text).toContain(words);
		}
		expect(text).toContain(`1. ${TEXTS.rooms}`);
		expect(text).toContain(`Deutsch: ${TRANSLATIONS.arabic}`);
		const rightToLeft = logicalRightToLeft(text);
		expect(rightToLeft).toContain('التمويل');
		expect(rightToLeft).toContain('جلسات');
		expect(rightToLeft).toContain('بأسعار معقولة');
	});

	it('PDF shapes Arabic and Persian right to left, translations in their own direction: its page matches the reviewed reference image', async () => {
		expect(hasPdftoppm(), 'pdftoppm is needed: apt-get install -y poppler-utils').toBe(true);
		const { facilitator } = workshop;
		const board = await createBoard(facilitator.device, facilitator.meetingId, 'لوحة عربية');
		const layla = await join(server, board.joinCode, 'ليلى');
		const client = await connectSynced(server, board.id, layla.device.cookie);
		// Apart in time, so that the cards' order (by creation) is the same in every run.
		const challenge = writeCard(client.doc, layla, 'challenge', 'نقص التمويل للمبادرات الصغيرة في الأحياء');
		await sleep(5);
		writeCard(client.doc, layla, 'challenge', 'کمبود فضای مناسب برای جلسات انجمن‌ها');
		await sleep(5);
		const solution = writeCard(client.doc, layla, 'solution', 'صندوق دعم للمشاريع الصغيرة');
		// A German translation reads left to right inside the right-to-left card; a Persian one right to left.
		translate(client.doc, challenge, 'de', 'Zu wenig Geld für kleine Initiativen in den Vierteln');
		translate(client.doc, solution, 'fa', 'صندوق حمایت از پروژه‌های کوچک');
		linkCards(client.doc, {
			solutionId: solution,
			challengeId: challenge,
			authorId: layla.id,
			createdAt: Date.now()
		});
		await client.flush();
		client.destroy();
		const finished = await facilitator.device.post(`/api/v1/boards/${board.id}/finish`);
		expectStatus(finished, 201);
		const response = await facilitator.device.get(exportPath('pdf', finished.body.outcome.id));
		expectStatus(response, 200);

		// Below the header (its "finished at" time changes from run to run): the challenges with their solution.
		const png = renderPdfPage(response.bytes, {
			page: 1,
			dpi: 100,
			crop: { x: 50, y: 165, width: 728, height: 300 }
		});
		if (process.env.WEDO_UPDATE_FIXTURES) fs.writeFileSync(REFERENCE, png);
		const result = compareImages(decodeGreyPng(png), decodeGreyPng(fs.readFileSync(REFERENCE)));
		expect(result.sameSize).toBe(true);
		expect(result.inkChanged, 'share of the reference page that looks different').toBeLessThan(0.08);
	});
});
