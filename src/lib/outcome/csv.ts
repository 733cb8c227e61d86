import { csvTable, translationLanguages } from '../board/export';
import type { OutcomeCard, OutcomeDocument } from './format';
import { authorOf, type OutcomeLabels } from './labels';
import { outcomeView } from './view';

/**
 * One row per card, challenges first by rank, in the board export's CSV dialect
 * (UTF-8 with BOM, semicolons, formula-safe cells).
 */
export function outcomeCsv(document: OutcomeDocument, labels: OutcomeLabels): string {
	const view = outcomeView(document);
	const cards = new Map(document.cards.map((card) => [card.id, card]));
	const columns = new Map(document.columns.map((column) => [column.id, column.title]));
	const clusters = new Map(document.clusters.map((cluster) => [cluster.id, cluster.title]));
	const ranks = new Map(view.challenges.map((challenge) => [challenge.card.id, challenge.rank]));
	const related = new Map<string, string[]>();
	for (const link of document.links) {
		for (const [from, to] of [
			[link.challengeId, link.solutionId],
			[link.solutionId, link.challengeId]
		]) {
			const text = cards.get(to)?.text;
			if (text !== undefined) related.set(from, [...(related.get(from) ?? []), text]);
		}
	}
	for (const { card, sources } of view.recommendations) {
		related.set(
			card.id,
			sources.map((source) => source.text)
		);
	}

	const order = (card: OutcomeCard) => ['challenge', 'solution', 'recommendation', 'note'].indexOf(card.kind);
	const challengeOrder = new Map(view.challenges.map((challenge, index) => [challenge.card.id, index]));
	// As in the board's CSV: a column per language after the text, only when something was translated.
	const languages = translationLanguages(document.cards);
	const rows = [...document.cards]
		.sort((a, b) => order(a) - order(b) || (challengeOrder.get(a.id) ?? 0) - (challengeOrder.get(b.id) ?? 0))
		.map((card) => [
			card.id,
			view.hasVotes && ranks.has(card.id) ? String(ranks.get(card.id)) : '',
			labels.kinds[card.kind],
			columns.get(card.columnId) ?? '',
			card.clusterId ? (clusters.get(card.clusterId) ?? '') : '',
			card.text,
			...languages.map((lang) => card.translations[lang] ?? ''),
			String(card.votes),
			authorOf(card, labels),
			card.createdAt,
			(related.get(card.id) ?? []).join(' | ')
		]);
	const header = [
		'id',
		labels.rank,
		labels.kind,
		labels.column,
		labels.cluster,
		labels.text,
		...languages.map((lang) => labels.translation(labels.languageName(lang))),
		labels.votesHeading,
		labels.author,
		labels.createdAt,
		labels.linkedTo
	];
	return csvTable([header, ...rows]);
}
