/**
 * The outcome as a Word document, which associations forward and edit. Each
 * paragraph takes the direction of its own text, so an Arabic card reads right
 * to left inside a German document; a translation takes its language's direction
 * and names its language on its runs (`w:lang`), so Word shapes and checks it as such.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { OutcomeCard, OutcomeDocument } from './format';
import { authorOf, outcomeFacts, type OutcomeLabels } from './labels';
import { cardTranslations, outcomeView, textDirection } from './view';

const FONT = 'Noto Sans';
const INDENT = 567; // twips: 1 cm

interface Line {
	text: string;
	prefix?: string;
	suffix?: string;
	heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
	indent?: number;
	muted?: boolean;
	/** A translation: its language's own name, written before it in its language. */
	label?: string;
	lang?: string;
	dir?: 'ltr' | 'rtl';
}

const MUTED = '4F5B60';

function paragraph(line: Line): Paragraph {
	const rtl = (line.dir ?? textDirection(line.text)) === 'rtl';
	// Word reads `w:lang w:bidi` for right-to-left text and `w:val` for the rest.
	const language = line.lang ? (rtl ? { bidirectional: line.lang } : { value: line.lang }) : undefined;
	const runs = [
		line.prefix ? new TextRun({ text: line.prefix, bold: true, font: FONT }) : null,
		line.label
			? new TextRun({
					text: `${line.label}: `,
					bold: true,
					color: MUTED,
					rightToLeft: rtl,
					language,
					font: FONT
				})
			: null,
		new TextRun({
			text: line.text,
			rightToLeft: rtl,
			language,
			font: FONT,
			color: line.muted ? MUTED : undefined
		}),
		line.suffix ? new TextRun({ text: line.suffix, bold: true, font: FONT, color: '1F4E5F' }) : null
	].filter((run): run is TextRun => run !== null);
	return new Paragraph({
		heading: line.heading,
		bidirectional: rtl,
		indent: line.indent ? { start: line.indent } : undefined,
		spacing: { after: 80 },
		children: runs
	});
}

export async function outcomeDocx(document: OutcomeDocument, labels: OutcomeLabels): Promise<Uint8Array> {
	const view = outcomeView(document);
	const votes = (count: number) => (view.hasVotes ? `  (${labels.votes(count)})` : '');
	/** A card's paragraph, then one for each of its translations, indented under it. */
	const cardLines = (card: OutcomeCard, prefix?: string, indent = 0): Line[] => [
		{ text: card.text, prefix, suffix: votes(card.votes), indent: indent || undefined },
		...cardTranslations(card).map((translation) => ({
			text: translation.text,
			label: translation.label,
			lang: translation.lang,
			dir: translation.dir,
			indent: indent + INDENT
		}))
	];
	const lines: Line[] = [
		{ text: document.meeting.title, muted: true },
		{ text: document.board.title, heading: HeadingLevel.TITLE },
		{ text: outcomeFacts(document, labels).join(' · '), muted: true }
	];
	if (document.anonymisedAt) lines.push({ text: labels.anonymised, muted: true });

	lines.push({ text: labels.challenges, heading: HeadingLevel.HEADING_1 });
	if (view.challenges.length === 0) lines.push({ text: labels.noCards });
	for (const challenge of view.challenges) {
		lines.push(...cardLines(challenge.card, view.hasVotes ? `${challenge.rank}. ` : undefined));
		lines.push({ text: authorOf(challenge.card, labels), muted: true, indent: INDENT });
		for (const solution of challenge.solutions) {
			lines.push(...cardLines(solution, `${labels.answeredBy}: `, INDENT));
		}
	}
	if (view.unlinkedSolutions.length > 0) {
		lines.push({ text: labels.unlinkedSolutions, heading: HeadingLevel.HEADING_1 });
		for (const card of view.unlinkedSolutions) lines.push(...cardLines(card, '• '));
	}
	if (view.clusters.length > 0) {
		lines.push({ text: labels.clusters, heading: HeadingLevel.HEADING_1 });
		for (const { cluster, cards } of view.clusters) {
			lines.push({ text: cluster.title, suffix: votes(cluster.votes), heading: HeadingLevel.HEADING_2 });
			for (const card of cards) lines.push(...cardLines(card, '• '));
		}
	}
	if (view.recommendations.length > 0) {
		lines.push({ text: labels.recommendations, heading: HeadingLevel.HEADING_1 });
		for (const { card, sources } of view.recommendations) {
			lines.push(...cardLines(card, '• '));
			for (const source of sources)
				lines.push({ text: source.text, prefix: `${labels.basedOn}: `, indent: INDENT });
		}
	}
	if (view.notes.length > 0) {
		lines.push({ text: labels.notes, heading: HeadingLevel.HEADING_1 });
		for (const card of view.notes) lines.push(...cardLines(card, '• '));
	}

	const file = new Document({
		title: document.board.title,
		creator: 'WeDo Board',
		sections: [{ children: lines.map(paragraph) }]
	});
	return new Uint8Array(await Packer.toBuffer(file));
}
