import type { BoardContent, Card, ColumnKind } from './schema';

/** Headings and words of an export, in the reader's language (from the message files). */
export interface ExportLabels {
	anonymous: string;
	author: string;
	createdAt: string;
	column: string;
	kind: string;
	text: string;
	linkedTo: string;
	answers: string;
	answeredBy: string;
	kinds: Record<ColumnKind, string>;
	formatTime: (epochMs: number) => string;
	/** Heading of the column with the language a card was written in. */
	language: string;
	/** Heading of a translation, given the language's name: "Translation (Arabic)". */
	translation: (languageName: string) => string;
	/** A language tag's name in the reader's language: `ar` → "Arabic". */
	languageName: (tag: string) => string;
}

export interface ExportInfo {
	boardTitle: string;
	meetingTitle: string;
	exportedAt: number;
}

interface ExportCard extends Card {
	columnTitle: string;
	kind: ColumnKind;
	linkedCardIds: string[];
}

function cardsWithContext(content: BoardContent): ExportCard[] {
	const columns = new Map(content.columns.map((column) => [column.id, column]));
	return content.cards.map((card) => {
		const column = columns.get(card.columnId);
		const linkedCardIds = content.links
			.filter((link) => link.solutionId === card.id || link.challengeId === card.id)
			.map((link) => (link.solutionId === card.id ? link.challengeId : link.solutionId));
		return {
			...card,
			columnTitle: column?.title ?? '',
			kind: column?.kind ?? 'note',
			linkedCardIds
		};
	});
}

function author(card: Card, labels: ExportLabels): string {
	return card.authorName ?? labels.anonymous;
}

/** Every language the cards are translated into, in a stable order: one CSV column each (the outcome's CSV too). */
export function translationLanguages(cards: Array<Pick<Card, 'translations'>>): string[] {
	return [...new Set(cards.flatMap((card) => Object.keys(card.translations)))].sort();
}

/** Markdown reads well pasted into an e-mail: each challenge followed by the solutions that answer it. */
export function toMarkdown(content: BoardContent, info: ExportInfo, labels: ExportLabels): string {
	const cards = cardsWithContext(content);
	const byId = new Map(cards.map((card) => [card.id, card]));
	// Titles are people's words too: a title like `<img onerror=…>` must not become markup in a viewer.
	const lines = [`# ${markdownText(info.boardTitle)}`, '', `${markdownText(info.meetingTitle)}`, ''];
	for (const column of content.columns) {
		lines.push(`## ${markdownText(column.title)}`, '');
		for (const card of cards.filter((c) => c.columnId === column.id)) {
			const language = card.lang ? `, ${labels.languageName(card.lang)}` : '';
			lines.push(
				`- ${markdownText(card.text)} — _${markdownText(author(card, labels))}, ${labels.formatTime(card.createdAt)}${language}_`
			);
			for (const [lang, text] of Object.entries(card.translations)) {
				lines.push(`  - ${labels.translation(labels.languageName(lang))}: ${markdownText(text)}`);
			}
			const relation = card.kind === 'challenge' ? labels.answeredBy : labels.answers;
			for (const linkedId of card.linkedCardIds) {
				const linked = byId.get(linkedId);
				if (linked) lines.push(`  - ${relation}: ${markdownText(linked.text)}`);
			}
		}
		lines.push('');
	}
	return lines.join('\n');
}

export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Card text is people's words, not markup: escape what Markdown would interpret. */
export function markdownText(text: string): string {
	return oneLine(text).replace(/([\\`*_{}[\]()#+!|<>~-])/g, '\\$1');
}

/** UTF-8 with a byte order mark so that Excel in German opens umlauts and Arabic correctly. */
export function toCsv(content: BoardContent, labels: ExportLabels): string {
	const cards = cardsWithContext(content);
	const byId = new Map(cards.map((card) => [card.id, card]));
	// Boards without languages recorded (from before cards had them) keep the plain layout.
	const languages = translationLanguages(cards);
	const withLanguages = languages.length > 0 || cards.some((card) => card.lang);
	const languageHeader = withLanguages
		? [labels.language, ...languages.map((lang) => labels.translation(labels.languageName(lang)))]
		: [];
	const header = [
		'id',
		labels.column,
		labels.kind,
		labels.text,
		...languageHeader,
		labels.author,
		labels.createdAt,
		labels.linkedTo
	];
	const rows = cards.map((card) => [
		card.id,
		card.columnTitle,
		labels.kinds[card.kind],
		card.text,
		...(withLanguages ? [card.lang ?? '', ...languages.map((lang) => card.translations[lang] ?? '')] : []),
		author(card, labels),
		new Date(card.createdAt).toISOString(),
		card.linkedCardIds.map((id) => byId.get(id)?.text ?? id).join(' | ')
	]);
	return csvTable([header, ...rows]);
}

/** UTF-8 with a byte order mark, `;`-separated, CRLF: the one CSV dialect of every export. */
export function csvTable(rows: string[][]): string {
	return '\uFEFF' + rows.map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}

/**
 * Semicolons because German Excel expects them; a leading =, +, - or @ is
 * neutralised so that a card cannot become a spreadsheet formula.
 */
function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface BoardJson {
	board: { title: string; meetingTitle: string; exportedAt: string };
	columns: BoardContent['columns'];
	cards: Array<Card & { createdAtIso: string; linkedCardIds: string[] }>;
	links: BoardContent['links'];
	clusters: BoardContent['clusters'];
}

export function toJson(content: BoardContent, info: ExportInfo): BoardJson {
	return {
		board: {
			title: info.boardTitle,
			meetingTitle: info.meetingTitle,
			exportedAt: new Date(info.exportedAt).toISOString()
		},
		columns: content.columns,
		cards: cardsWithContext(content).map((card) => ({
			id: card.id,
			columnId: card.columnId,
			text: card.text,
			authorId: card.authorId,
			authorName: card.authorName,
			createdAt: card.createdAt,
			createdAtIso: new Date(card.createdAt).toISOString(),
			linkedCardIds: card.linkedCardIds,
			clusterId: card.clusterId,
			sources: card.sources,
			lang: card.lang,
			translations: card.translations
		})),
		links: content.links,
		clusters: content.clusters
	};
}
