import { describe, expect, it } from 'vitest';
import { addTestCard, newTestBoard } from '../board/testing';
import { linkCards } from '../board/links';
import { readBoard } from '../board/read';
import { buildOutcome } from './build';
import { outcomeMarkdown } from './markdown';
import { outcomeCsv } from './csv';
import { outcomePrintHtml } from './print-html';
import { outcomeDocx } from './docx';
import JSZip from 'jszip';
import type { OutcomeLabels } from './labels';

const LABELS: OutcomeLabels = {
	anonymous: 'Anonym',
	author: 'Autor',
	createdAt: 'Erstellt',
	column: 'Spalte',
	kind: 'Art',
	text: 'Text',
	linkedTo: 'Verknüpft mit',
	answers: 'Antwort auf',
	answeredBy: 'Lösungsidee',
	kinds: {
		challenge: 'Herausforderung',
		solution: 'Lösungsidee',
		recommendation: 'Empfehlung',
		note: 'Notiz'
	},
	formatTime: (epochMs) => new Date(epochMs).toISOString(),
	language: 'Sprache',
	translation: (language) => `Übersetzung (${language})`,
	languageName: (tag) => tag,
	locale: 'de',
	dir: 'ltr',
	challenges: 'Herausforderungen',
	unlinkedSolutions: 'Weitere Lösungsideen',
	clusters: 'Themen',
	recommendations: 'Empfehlungen',
	notes: 'Notizen',
	voteChart: 'Die meisten Stimmen',
	basedOn: 'Grundlage',
	rank: 'Rang',
	votesHeading: 'Stimmen',
	cluster: 'Thema',
	noCards: 'Keine Karten.',
	anonymised: 'Ohne Namen.',
	votes: (count) => `${count} Stimmen`,
	participants: (count) => `${count} Teilnehmende`,
	version: (version) => `Version ${version}`,
	finishedAt: (date) => `abgeschlossen ${date}`,
	formatDateTime: (epochMs) => new Date(epochMs).toISOString()
};

function outcome() {
	const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
	const challenge = addTestCard(doc, {
		columnId: challengeColumnId,
		text: '=SUM(A1) <script>alert(1)</script>'
	});
	const other = addTestCard(doc, {
		columnId: challengeColumnId,
		text: 'نقص التمويل',
		lang: 'ar',
		translations: { de: 'Zu wenig Geld' }
	});
	const solution = addTestCard(doc, {
		columnId: solutionColumnId,
		text: 'Mehr *Geld*; "bitte"',
		lang: 'de',
		// A Persian translation that starts with a Latin word still reads right to left.
		translations: { fa: 'WLAN رایگان <b>', ar: 'مزيد من المال' }
	});
	linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: 'a', createdAt: 1 });
	return buildOutcome(
		readBoard(doc),
		new Map([
			[other, 3],
			[challenge, 3]
		]),
		{
			id: 'o',
			version: 2,
			createdAt: 0,
			meeting: { id: 'm', title: 'Treffen', startsAt: null, location: null, timeZone: 'Europe/Berlin' },
			board: { id: 'b', title: 'Board' },
			participantCount: 4
		}
	);
}

describe('outcome files', () => {
	it('Markdown: shared ranks kept as written, card text escaped, solutions under their challenge', () => {
		const text = outcomeMarkdown(outcome(), LABELS);
		expect(text).toContain('- **1.** =SUM\\(A1\\) \\<script\\>alert\\(1\\)\\</script\\> (3 Stimmen)');
		expect(text).toContain('- **1.** نقص التمويل (3 Stimmen)');
		expect(text).toContain('  - Lösungsidee: Mehr \\*Geld\\*; "bitte" (0 Stimmen)');
	});

	it('CSV: BOM, semicolons, a formula neutralised, challenges first', () => {
		const csv = outcomeCsv(outcome(), LABELS);
		expect(
			csv.startsWith(
				'\uFEFFid;Rang;Art;Spalte;Thema;Text;Übersetzung (ar);Übersetzung (de);Übersetzung (fa);Stimmen;Autor;Erstellt;Verknüpft mit\r\n'
			)
		).toBe(true);
		expect(csv).toContain(";'=SUM(A1) <script>alert(1)</script>;;;;3;");
		expect(csv).toContain('"Mehr *Geld*; ""bitte"""');
	});

	it('print page: every text escaped and marked dir="auto", the chart drawn', () => {
		const html = outcomePrintHtml(outcome(), LABELS);
		expect(html).not.toContain('<script>');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('<p dir="auto" class="text">نقص التمويل</p>');
		expect(html).toContain('<svg');
		expect(html).toContain('direction="rtl" text-anchor="end"');
	});

	it('Markdown: translations under their card, named in their own language', () => {
		const text = outcomeMarkdown(outcome(), LABELS);
		expect(text).toContain('- **1.** نقص التمويل (3 Stimmen)\n  - Deutsch: Zu wenig Geld\n');
		expect(text).toContain(
			'  - Lösungsidee: Mehr \\*Geld\\*; "bitte" (0 Stimmen)\n    - العربية: مزيد من المال\n    - فارسی: WLAN رایگان \\<b\\>'
		);
	});

	it('CSV: a column per translated language after the text, empty where a card has none', () => {
		const csv = outcomeCsv(outcome(), LABELS);
		expect(csv).toContain(';نقص التمويل;;Zu wenig Geld;;3;');
	});

	it('print page: each translation in its language and direction, escaped', () => {
		const html = outcomePrintHtml(outcome(), LABELS);
		expect(html).toContain(
			'<p class="translation" lang="de" dir="ltr"><span class="language">Deutsch:</span> Zu wenig Geld</p>'
		);
		expect(html).toContain(
			'<p class="translation" lang="fa" dir="rtl"><span class="language">فارسی:</span> WLAN رایگان &lt;b&gt;</p>'
		);
		expect(html).toContain('<p class="translation" lang="ar" dir="rtl">');
	});

	it('DOCX: a translation is its own paragraph, right to left for Arabic and Persian, its language on its runs', async () => {
		const zip = await JSZip.loadAsync(await outcomeDocx(outcome(), LABELS));
		const xml = await zip.file('word/document.xml')!.async('string');
		const paragraphs = xml.split('</w:p>');
		const persian = paragraphs.find((paragraph) => paragraph.includes('WLAN رایگان'))!;
		expect(persian).toContain('<w:bidi/>');
		expect(persian).toContain('<w:rtl/>');
		expect(persian).toContain('w:bidi="fa"');
		expect(persian).toContain('فارسی: ');
		const german = paragraphs.find((paragraph) => paragraph.includes('Zu wenig Geld'))!;
		expect(german).not.toContain('<w:bidi/>');
		expect(german).toContain('w:val="de"');
		expect(german).toContain('Deutsch: ');
	});
});
