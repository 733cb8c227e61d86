/**
 * The outcome as a self-contained A4 page for Chromium's print to PDF: no
 * scripts, no requests, every text escaped and marked `dir="auto"` so that
 * Arabic, Persian and Hebrew lines are laid out right to left among German ones;
 * a card takes the direction of its own text (its rank and votes mirror with it).
 */
import type { OutcomeCard, OutcomeDocument } from './format';
import { authorOf, outcomeFacts, type OutcomeLabels } from './labels';
import { cardTranslations, outcomeView, textDirection, voteChart, type VoteChart } from './view';

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** The vote chart as SVG markup; the review page draws the same geometry with Svelte. */
export function voteChartSvg(chart: VoteChart, title: string): string {
	const bars = chart.bars
		.map(
			(bar) =>
				`<text x="${bar.labelX}" y="${bar.labelY}" direction="${bar.labelDir}" text-anchor="${bar.labelAnchor}" class="label">${escapeHtml(bar.label)}</text>` +
				`<rect x="${bar.barX}" y="${bar.barY}" width="${bar.barLength}" height="${chart.barHeight}" rx="3" class="bar"/>` +
				`<text x="${bar.countX}" y="${bar.countY}" text-anchor="start" class="count">${bar.votes}</text>`
		)
		.join('');
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${chart.width} ${chart.height}" width="100%" ` +
		`direction="${chart.dir}" role="img" aria-label="${escapeHtml(title)}">${bars}</svg>`
	);
}

const text = (value: string, tag = 'span', className = '') =>
	`<${tag} dir="auto"${className ? ` class="${className}"` : ''}>${escapeHtml(value)}</${tag}>`;

/** Under a card's text, its translations: each in its own language and direction, named in that language. */
function translations(item: OutcomeCard): string {
	return cardTranslations(item)
		.map(
			(translation) =>
				`<p class="translation" lang="${escapeHtml(translation.lang)}" dir="${translation.dir}">` +
				`<span class="language">${escapeHtml(translation.label)}:</span> ${escapeHtml(translation.text)}</p>`
		)
		.join('');
}

const STYLE = `
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { font-family: 'Noto Sans', 'DejaVu Sans', 'Noto Sans Arabic', Tahoma, Arial, sans-serif; font-size: 10.5pt;
	line-height: 1.45; color: #1c2326; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-size: 13pt; margin: 7mm 0 3mm; padding-block-end: 1mm; border-block-end: 1.5pt solid #1f4e5f; color: #1f4e5f; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
.meeting { font-weight: 600; color: #4f5b60; margin: 0 0 1mm; }
.facts { color: #4f5b60; margin: 0; }
ol, ul { margin: 0; padding: 0; list-style: none; }
.item { break-inside: avoid; border: 0.75pt solid #d4d0c6; border-inline-start: 3pt solid #c79a1e; border-radius: 2mm;
	padding: 2mm 3mm; margin-block-end: 2.5mm; background: #fffaf0; }
.item.solution { border-inline-start-color: #3f8f74; background: #f3faf7; }
.item.recommendation { border-inline-start-color: #1f4e5f; background: #eef4f6; }
.item.note { border-inline-start-color: #7466a8; background: #f6f5fb; }
.row { display: flex; gap: 3mm; align-items: baseline; }
.rank { font-weight: 700; min-inline-size: 6mm; color: #1f4e5f; }
.body { flex: 1; white-space: pre-line; overflow-wrap: anywhere; }
.body p { margin: 0; }
.body .translation { margin-block-start: 1mm; font-size: 9.5pt; }
.translation .language { font-weight: 600; color: #4f5b60; }
.meta { display: block; margin-block-start: 1mm; }
.votes { font-weight: 600; white-space: nowrap; color: #1f4e5f; }
.meta { color: #4f5b60; font-size: 8.5pt; }
.sub { margin-block-start: 1.5mm; padding-inline-start: 9mm; }
.sub li { margin-block: 1mm; display: flex; gap: 2mm; align-items: baseline; }
.sub .relation { color: #3f8f74; font-weight: 600; white-space: nowrap; }
svg { display: block; max-inline-size: 170mm; }
svg .label { font-size: 13px; fill: #1c2326; }
svg .count { font-size: 13px; font-weight: 700; fill: #1f4e5f; }
svg .bar { fill: #1f4e5f; }
.anonymised { color: #4f5b60; font-style: italic; }
`;

function votes(count: number, labels: OutcomeLabels, shown: boolean): string {
	return shown ? `<span class="votes" dir="auto">${escapeHtml(labels.votes(count))}</span>` : '';
}

function card(
	item: OutcomeCard,
	labels: OutcomeLabels,
	options: { rank?: number; votesShown: boolean },
	extra = ''
) {
	const rank = options.rank !== undefined ? `<span class="rank" dir="ltr">${options.rank}.</span>` : '';
	return (
		`<li class="item ${item.kind}" dir="${textDirection(item.text)}"><div class="row">${rank}<div class="body">${text(item.text, 'p', 'text')}${translations(item)}` +
		`${text(authorOf(item, labels), 'span', 'meta')}</div>${votes(item.votes, labels, options.votesShown)}</div>${extra}</li>`
	);
}

/** The print page of an outcome. */
export function outcomePrintHtml(document: OutcomeDocument, labels: OutcomeLabels): string {
	const view = outcomeView(document);
	const shown = view.hasVotes;
	const chart = voteChart(document, { dir: labels.dir });
	const sections: string[] = [];

	if (chart)
		sections.push(
			`<section><h2>${escapeHtml(labels.voteChart)}</h2>${voteChartSvg(chart, labels.voteChart)}</section>`
		);

	const challenges = view.challenges
		.map((challenge) => {
			const solutions = challenge.solutions.length
				? `<ul class="sub">${challenge.solutions
						.map(
							(solution) =>
								`<li dir="${textDirection(solution.text)}"><span class="relation" dir="auto">${escapeHtml(labels.answeredBy)}:</span>` +
								`<div class="body">${text(solution.text)}${translations(solution)}</div>${votes(solution.votes, labels, shown)}</li>`
						)
						.join('')}</ul>`
				: '';
			return card(
				challenge.card,
				labels,
				{ rank: shown ? challenge.rank : undefined, votesShown: shown },
				solutions
			);
		})
		.join('');
	sections.push(
		`<section><h2>${escapeHtml(labels.challenges)}</h2>${
			challenges ? `<ol>${challenges}</ol>` : `<p>${escapeHtml(labels.noCards)}</p>`
		}</section>`
	);

	if (view.unlinkedSolutions.length > 0) {
		sections.push(
			`<section><h2>${escapeHtml(labels.unlinkedSolutions)}</h2><ul>${view.unlinkedSolutions
				.map((item) => card(item, labels, { votesShown: shown }))
				.join('')}</ul></section>`
		);
	}
	if (view.clusters.length > 0) {
		sections.push(
			`<section><h2>${escapeHtml(labels.clusters)}</h2>${view.clusters
				.map(
					({ cluster, cards }) =>
						`<h3><span dir="auto">${escapeHtml(cluster.title)}</span> ${votes(cluster.votes, labels, shown)}</h3>` +
						`<ul>${cards.map((item) => card(item, labels, { votesShown: shown })).join('')}</ul>`
				)
				.join('')}</section>`
		);
	}
	if (view.recommendations.length > 0) {
		sections.push(
			`<section><h2>${escapeHtml(labels.recommendations)}</h2><ul>${view.recommendations
				.map(({ card: item, sources }) =>
					card(
						item,
						labels,
						{ votesShown: shown },
						sources.length
							? `<ul class="sub">${sources
									.map(
										(source) =>
											`<li dir="${textDirection(source.text)}"><span class="relation" dir="auto">${escapeHtml(labels.basedOn)}:</span>${text(source.text, 'span', 'body')}</li>`
									)
									.join('')}</ul>`
							: ''
					)
				)
				.join('')}</ul></section>`
		);
	}
	if (view.notes.length > 0) {
		sections.push(
			`<section><h2>${escapeHtml(labels.notes)}</h2><ul>${view.notes
				.map((item) => card(item, labels, { votesShown: shown }))
				.join('')}</ul></section>`
		);
	}

	const anonymised = document.anonymisedAt
		? `<p class="anonymised">${escapeHtml(labels.anonymised)}</p>`
		: '';
	return `<!doctype html>
<html lang="${escapeHtml(labels.locale)}" dir="${labels.dir}">
<head><meta charset="utf-8"><title>${escapeHtml(document.board.title)}</title><style>${STYLE}</style></head>
<body>
<header>${text(document.meeting.title, 'p', 'meeting')}${text(document.board.title, 'h1')}<p class="facts">${outcomeFacts(
		document,
		labels
	)
		.map((fact) => text(fact))
		.join(' · ')}</p>${anonymised}</header>
${sections.join('\n')}
</body>
</html>`;
}
