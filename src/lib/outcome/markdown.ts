import { markdownText } from '../board/export';
import type { OutcomeCard, OutcomeDocument } from './format';
import { outcomeFacts, type OutcomeLabels } from './labels';
import { cardTranslations, outcomeView } from './view';

/**
 * The outcome as Markdown, to paste into an e-mail or a wiki: the challenges by
 * votes, each with its solutions, then themes, recommendations and notes.
 * Escaping follows the board export (one rule for card text in Markdown).
 */
export function outcomeMarkdown(document: OutcomeDocument, labels: OutcomeLabels): string {
	const view = outcomeView(document);
	/** A card's translations as items under it, each named in its own language. */
	const translations = (card: OutcomeCard, depth = 1) =>
		cardTranslations(card).map(
			({ label, text }) => `${'  '.repeat(depth)}- ${markdownText(label)}: ${markdownText(text)}`
		);
	const votes = (count: number) => (view.hasVotes ? ` (${labels.votes(count)})` : '');
	const lines = [
		`# ${markdownText(document.board.title)}`,
		'',
		`**${markdownText(document.meeting.title)}**`,
		'',
		outcomeFacts(document, labels).map(markdownText).join(' · '),
		''
	];

	lines.push(`## ${labels.challenges}`, '');
	if (view.challenges.length === 0) lines.push(labels.noCards, '');
	for (const challenge of view.challenges) {
		// Not an ordered list: Markdown would renumber shared ranks (1, 2, 2) as 1, 2, 3.
		const rank = view.hasVotes ? `**${challenge.rank}.** ` : '';
		lines.push(`- ${rank}${markdownText(challenge.card.text)}${votes(challenge.votes)}`);
		lines.push(...translations(challenge.card));
		for (const solution of challenge.solutions) {
			lines.push(`  - ${labels.answeredBy}: ${markdownText(solution.text)}${votes(solution.votes)}`);
			lines.push(...translations(solution, 2));
		}
	}
	lines.push('');

	if (view.unlinkedSolutions.length > 0) {
		lines.push(`## ${labels.unlinkedSolutions}`, '');
		for (const card of view.unlinkedSolutions)
			lines.push(`- ${markdownText(card.text)}${votes(card.votes)}`, ...translations(card));
		lines.push('');
	}

	if (view.clusters.length > 0) {
		lines.push(`## ${labels.clusters}`, '');
		for (const { cluster, cards } of view.clusters) {
			lines.push(`### ${markdownText(cluster.title)}${votes(cluster.votes)}`, '');
			for (const card of cards) lines.push(`- ${markdownText(card.text)}`, ...translations(card));
			lines.push('');
		}
	}

	if (view.recommendations.length > 0) {
		lines.push(`## ${labels.recommendations}`, '');
		for (const { card, sources } of view.recommendations) {
			lines.push(`- ${markdownText(card.text)}${votes(card.votes)}`, ...translations(card));
			for (const source of sources) lines.push(`  - ${labels.basedOn}: ${markdownText(source.text)}`);
		}
		lines.push('');
	}

	if (view.notes.length > 0) {
		lines.push(`## ${labels.notes}`, '');
		for (const card of view.notes) lines.push(`- ${markdownText(card.text)}`, ...translations(card));
		lines.push('');
	}
	return lines.join('\n');
}
