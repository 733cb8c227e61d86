import { describe, expect, it } from 'vitest';
import { addTestCard, newTestBoard } from '../board/testing';
import { linkCards } from '../board/links';
import { readBoard } from '../board/read';
import { buildOutcome } from './build';
import { outcomeMarkdown } from './markdown';
import { outcomeCsv } from './csv';
import { outcomePrintHtml } from './print-html';
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
	formatDate: (epochMs) => new Date(epochMs).toISOString().slice(0, 10)
};

function outcome() {
	const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
	const challenge = addTestCard(doc, {
		columnId: challengeColumnId,
		text: '=SUM(A1) <script>alert(1)</script>'
	});
	const other = addTestCard(doc, { columnId: challengeColumnId, text: 'نقص التمويل' });
	const solution = addTestCard(doc, { columnId: solutionColumnId, text: 'Mehr *Geld*; "bitte"' });
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
			meeting: { id: 'm', title: 'Treffen', startsAt: null, location: null },
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
			csv.startsWith('\uFEFFid;Rang;Art;Spalte;Thema;Text;Stimmen;Autor;Erstellt;Verknüpft mit\r\n')
		).toBe(true);
		expect(csv).toContain(";'=SUM(A1) <script>alert(1)</script>;3;");
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
});
