/**
 * How an outcome reads: the review page, the print page (PDF), Markdown, CSV and
 * DOCX all present it through these functions, so they agree on order and grouping.
 */
import type { OutcomeCard, OutcomeCluster, OutcomeDocument } from './format';
import { languageName } from '../i18n';

export interface ChallengeView {
	card: OutcomeCard;
	rank: number;
	votes: number;
	solutions: OutcomeCard[];
}

export interface ClusterView {
	cluster: OutcomeCluster;
	cards: OutcomeCard[];
}

export interface RecommendationView {
	card: OutcomeCard;
	/** The texts it was drawn from: a card's text or a cluster's title. */
	sources: Array<{ id: string; text: string }>;
}

export interface OutcomeView {
	challenges: ChallengeView[];
	/** Solution ideas that answer no challenge. */
	unlinkedSolutions: OutcomeCard[];
	clusters: ClusterView[];
	recommendations: RecommendationView[];
	/** Cards in note columns. */
	notes: OutcomeCard[];
	/** Whether anyone voted: without votes, ranks and counts mean nothing and are not shown. */
	hasVotes: boolean;
}

export function outcomeView(document: OutcomeDocument): OutcomeView {
	const cards = new Map(document.cards.map((card) => [card.id, card]));
	const clusters = new Map(document.clusters.map((cluster) => [cluster.id, cluster]));
	const pick = (ids: string[]) => ids.flatMap((id) => cards.get(id) ?? []);
	const linkedSolutions = new Set(document.links.map((link) => link.solutionId));
	return {
		challenges: document.challenges.flatMap((challenge) => {
			const card = cards.get(challenge.cardId);
			return card
				? [{ card, rank: challenge.rank, votes: challenge.votes, solutions: pick(challenge.solutionIds) }]
				: [];
		}),
		unlinkedSolutions: document.cards.filter(
			(card) => card.kind === 'solution' && !linkedSolutions.has(card.id)
		),
		clusters: [...document.clusters]
			.sort((a, b) => b.votes - a.votes)
			.map((cluster) => ({ cluster, cards: pick(cluster.cardIds) })),
		recommendations: document.recommendations.flatMap((recommendation) => {
			const card = cards.get(recommendation.cardId);
			if (!card) return [];
			const sources = recommendation.sourceIds.flatMap((id) => {
				const text = cards.get(id)?.text ?? clusters.get(id)?.title;
				return text === undefined ? [] : [{ id, text }];
			});
			return [{ card, sources }];
		}),
		notes: document.cards.filter((card) => card.kind === 'note'),
		hasVotes: document.totals.votes > 0
	};
}

export interface ChartBar {
	id: string;
	label: string;
	votes: number;
	/** Baseline of the label, above the bar. */
	labelY: number;
	barY: number;
	/** Baseline of the vote count, beside the bar's end. */
	countY: number;
	barX: number;
	barLength: number;
	/** Where the label and the count are anchored; mirrored on right-to-left pages. */
	labelX: number;
	countX: number;
	/** The label's own direction (an Arabic label on a German page) and its SVG `text-anchor`. */
	labelDir: 'ltr' | 'rtl';
	labelAnchor: 'start' | 'end';
}

export interface VoteChart {
	width: number;
	height: number;
	barHeight: number;
	/** The page's direction: counts are written in it, anchored at their start. */
	dir: 'ltr' | 'rtl';
	bars: ChartBar[];
}

const CHART = { width: 640, barHeight: 18, labelHeight: 22, gap: 12, countSpace: 56 };
/** Roughly the average advance of a 14-unit label character: labels are cut to the chart's width. */
const CHARACTER_WIDTH = 8.5;

/** A label fits one line of the chart: cut by characters (not UTF-16 units), with an ellipsis. */
export function shorten(text: string, length: number): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	const characters = [...oneLine];
	return characters.length <= length ? oneLine : characters.slice(0, length - 1).join('') + '…';
}

/**
 * The vote chart's geometry: one horizontal bar per voted card or cluster, most
 * votes first, at most `limit`, growing from the start side of the page (the
 * right on right-to-left pages). Null when nobody voted: an empty board has no
 * chart. Renderers (the review page's SVG, the print page) draw exactly these shapes.
 */
export function voteChart(
	document: OutcomeDocument,
	options: { limit?: number; dir?: 'ltr' | 'rtl'; width?: number } = {}
): VoteChart | null {
	if (document.ranking.length === 0) return null;
	const dir = options.dir ?? 'ltr';
	const width = options.width ?? CHART.width;
	const rtl = dir === 'rtl';
	const cards = new Map(document.cards.map((card) => [card.id, card.text]));
	const clusters = new Map(document.clusters.map((cluster) => [cluster.id, cluster.title]));
	const entries = document.ranking.slice(0, options.limit ?? 10);
	const max = Math.max(...entries.map((entry) => entry.votes));
	const row = CHART.labelHeight + CHART.barHeight + CHART.gap;
	const fromStart = (x: number, length = 0) => (rtl ? width - x - length : x);
	const bars = entries.map((entry, index) => {
		const top = index * row;
		const barLength = Math.max(2, Math.round(((width - CHART.countSpace) * entry.votes) / max));
		const label = (entry.type === 'card' ? cards.get(entry.id) : clusters.get(entry.id)) ?? '';
		const labelDir = textDirection(label);
		return {
			id: entry.id,
			label: shorten(label, Math.floor(width / CHARACTER_WIDTH)),
			votes: entry.votes,
			labelY: top + CHART.labelHeight - 6,
			barY: top + CHART.labelHeight,
			countY: top + CHART.labelHeight + CHART.barHeight - 4,
			barX: fromStart(0, barLength),
			barLength,
			labelX: fromStart(0),
			countX: fromStart(barLength + 8),
			labelDir,
			labelAnchor: labelDir === dir ? ('start' as const) : ('end' as const)
		};
	});
	return {
		width,
		height: bars.length * row - CHART.gap,
		barHeight: CHART.barHeight,
		dir,
		bars
	};
}

const RIGHT_TO_LEFT_SCRIPT =
	/[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** The same scripts by their ISO 15924 codes, as `Intl.Locale` names a language's script. */
const RIGHT_TO_LEFT_SCRIPT_CODES = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo']);

/**
 * The direction of a text by its first letter, for formats without the
 * browser's `dir="auto"` (DOCX paragraphs).
 */
export function textDirection(text: string): 'rtl' | 'ltr' {
	const first = /\p{L}/u.exec(text);
	return first && RIGHT_TO_LEFT_SCRIPT.test(first[0]) ? 'rtl' : 'ltr';
}

export interface TranslationView {
	/** Its language tag, for `lang`. */
	lang: string;
	/** The language's name in that language ("العربية", "Türkçe"): readers find their own at a glance. */
	label: string;
	text: string;
	dir: 'ltr' | 'rtl';
}

/** A language's own name, capitalised as a label starts ("Українська"); the tag when Intl does not know it. */
function ownLanguageName(lang: string): string {
	const name = languageName(lang, lang);
	return name === lang ? name : name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/**
 * The direction of a text in a language: that of the language's script (Arabic and
 * Persian read right to left even when the text starts with a Latin name), else of its first letter.
 */
function languageDirection(lang: string, text: string): 'ltr' | 'rtl' {
	try {
		const script = new Intl.Locale(lang).maximize().script;
		if (script) return RIGHT_TO_LEFT_SCRIPT_CODES.has(script) ? 'rtl' : 'ltr';
	} catch {
		// not a tag Intl can read: the text decides
	}
	return textDirection(text);
}

/** A card's translations, by language tag, each shown under the card's text in every outcome format. */
export function cardTranslations(card: OutcomeCard): TranslationView[] {
	return Object.entries(card.translations)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([lang, text]) => ({
			lang,
			label: ownLanguageName(lang),
			text,
			dir: languageDirection(lang, text)
		}));
}
