import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addTestCard, newTestBoard } from '../board/testing';
import { linkCards } from '../board/links';
import { createCluster } from '../board/clusters';
import { readBoard } from '../board/read';
import { columnsOf } from '../board/schema';
import { buildOutcome, rankByVotes } from './build';
import { anonymiseOutcome, removeAuthorNames } from './anonymise';
import { diffOutcomes, isEmptyDiff } from './diff';
import { outcomeView, textDirection, voteChart } from './view';
import type { OutcomeMeta } from './format';

const META: OutcomeMeta = {
	id: 'outcome-1',
	version: 1,
	createdAt: Date.UTC(2026, 2, 14, 18),
	meeting: {
		id: 'meeting-1',
		title: 'Netzwerktreffen',
		startsAt: Date.UTC(2026, 2, 14, 16),
		location: 'Hamburg',
		timeZone: 'Europe/Berlin'
	},
	board: { id: 'board-1', title: 'Förderung' },
	participantCount: 12
};

function addRecommendationColumn(doc: Y.Doc): string {
	const column = new Y.Map<unknown>();
	column.set('id', 'recommendations');
	column.set('title', 'Empfehlungen');
	column.set('kind', 'recommendation');
	columnsOf(doc).push([column]);
	return 'recommendations';
}

/** Two challenges, three solutions (one unlinked), a cluster and a recommendation drawn from it. */
function sampleBoard() {
	const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
	const recommendationColumnId = addRecommendationColumn(doc);
	createCluster(doc, {
		id: 'theme',
		title: 'Geld',
		columnId: challengeColumnId,
		authorId: 'f',
		createdAt: 1
	});
	const funding = addTestCard(doc, {
		columnId: challengeColumnId,
		text: 'Zu wenig Förderung',
		clusterId: 'theme'
	});
	const rooms = addTestCard(doc, { columnId: challengeColumnId, text: 'Keine Räume', authorName: null });
	const fund = addTestCard(doc, { columnId: solutionColumnId, text: 'Fonds für kleine Vereine' });
	const budget = addTestCard(doc, { columnId: solutionColumnId, text: 'Bürgerhaushalt' });
	const loose = addTestCard(doc, { columnId: solutionColumnId, text: 'Patenschaften' });
	const advice = addTestCard(doc, {
		columnId: recommendationColumnId,
		text: 'Förderberatung einrichten',
		sources: ['theme', fund, 'deleted-card']
	});
	linkCards(doc, { solutionId: fund, challengeId: funding, authorId: 'a', createdAt: 1 });
	linkCards(doc, { solutionId: budget, challengeId: funding, authorId: 'a', createdAt: 2 });
	return { doc, ids: { funding, rooms, fund, budget, loose, advice } };
}

describe('buildOutcome', () => {
	it('ranks challenges by votes, lists their solutions by votes and sums a cluster with its cards', () => {
		const { doc, ids } = sampleBoard();
		const votes = new Map([
			[ids.rooms, 5],
			[ids.funding, 3],
			[ids.budget, 2],
			['theme', 1],
			['unknown-card', 9]
		]);
		const outcome = buildOutcome(readBoard(doc), votes, META);

		expect(
			outcome.challenges.map((challenge) => [challenge.cardId, challenge.rank, challenge.votes])
		).toEqual([
			[ids.rooms, 1, 5],
			[ids.funding, 2, 3]
		]);
		expect(outcome.challenges[1].solutionIds).toEqual([ids.budget, ids.fund]);
		expect(outcome.clusters).toEqual([
			{ id: 'theme', title: 'Geld', columnId: expect.any(String), cardIds: [ids.funding], votes: 4 }
		]);
		expect(outcome.recommendations).toEqual([
			{ cardId: ids.advice, votes: 0, sourceIds: ['theme', ids.fund] }
		]);
		expect(outcome.totals).toEqual({ cards: 6, votes: 11 });
		expect(outcome.ranking.map((entry) => [entry.id, entry.rank])).toEqual([
			[ids.rooms, 1],
			['theme', 2],
			[ids.funding, 3],
			[ids.budget, 4]
		]);
		expect(outcome.meeting).toEqual({
			id: 'meeting-1',
			title: 'Netzwerktreffen',
			startsAt: '2026-03-14T16:00:00.000Z',
			location: 'Hamburg',
			timeZone: 'Europe/Berlin'
		});
		expect(outcome.cards.find((card) => card.id === ids.rooms)?.authorName).toBeNull();
	});

	it('gives the same bytes for the same board (a stored version can be compared byte for byte)', () => {
		const { doc } = sampleBoard();
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const votes = new Map([['x', 1]]);
		expect(JSON.stringify(buildOutcome(readBoard(copy), votes, META))).toBe(
			JSON.stringify(buildOutcome(readBoard(doc), votes, META))
		);
	});

	it('shares ranks between equal votes and skips the places they take', () => {
		expect(rankByVotes([{ votes: 5 }, { votes: 3 }, { votes: 3 }, { votes: 1 }]).map((e) => e.rank)).toEqual([
			1, 2, 2, 4
		]);
	});
});

describe('outcomeView and voteChart', () => {
	it('groups what a reader needs: linked and unlinked solutions, sources by text', () => {
		const { doc, ids } = sampleBoard();
		const view = outcomeView(buildOutcome(readBoard(doc), new Map(), META));
		expect(view.hasVotes).toBe(false);
		expect(view.unlinkedSolutions.map((card) => card.id)).toEqual([ids.loose]);
		expect(view.recommendations[0].sources.map((source) => source.text)).toEqual([
			'Geld',
			'Fonds für kleine Vereine'
		]);
	});

	it('draws no chart for a board without votes, and bars proportional to votes otherwise', () => {
		const { doc, ids } = sampleBoard();
		expect(voteChart(buildOutcome(readBoard(doc), new Map(), META))).toBeNull();
		const chart = voteChart(
			buildOutcome(
				readBoard(doc),
				new Map([
					[ids.rooms, 4],
					[ids.fund, 2]
				]),
				META
			),
			{ width: 456 }
		)!;
		expect(chart.bars.map((bar) => bar.barLength)).toEqual([400, 200]);
		expect(chart.bars[0].barX).toBe(0);
	});

	it('mirrors the chart on right-to-left pages and anchors each label by its own direction', () => {
		const { doc, challengeColumnId } = newTestBoard();
		const arabic = addTestCard(doc, { columnId: challengeColumnId, text: 'نقص التمويل' });
		const german = addTestCard(doc, { columnId: challengeColumnId, text: 'Zu wenig Geld' });
		const outcome = buildOutcome(
			readBoard(doc),
			new Map([
				[arabic, 2],
				[german, 1]
			]),
			META
		);
		const ltr = voteChart(outcome, { width: 456 })!;
		expect(ltr.bars.map((bar) => [bar.labelDir, bar.labelAnchor])).toEqual([
			['rtl', 'end'],
			['ltr', 'start']
		]);
		const rtl = voteChart(outcome, { width: 456, dir: 'rtl' })!;
		expect(rtl.bars[0].barX + rtl.bars[0].barLength).toBe(456);
		expect(rtl.bars[1].labelAnchor).toBe('end');
		expect(textDirection('  123 مرحبا')).toBe('rtl');
		expect(textDirection('Förderung')).toBe('ltr');
	});
});

describe('diffOutcomes', () => {
	it('reports added, removed and changed cards, vote changes and cluster renames', () => {
		const { doc, ids } = sampleBoard();
		const before = buildOutcome(readBoard(doc), new Map([[ids.rooms, 2]]), META);
		doc.transact(() => {
			const cards = doc.getMap<Y.Map<unknown>>('cards');
			(cards.get(ids.funding)!.get('text') as Y.Text).insert(0, 'Viel ');
			cards.delete(ids.loose);
			doc.getMap<Y.Map<unknown>>('clusters').get('theme')!.set('title', 'Finanzen');
		});
		const added = addTestCard(doc, { columnId: readBoard(doc).columns[0].id, text: 'Neu' });
		const after = buildOutcome(readBoard(doc), new Map([[ids.rooms, 5]]), { ...META, version: 2 });

		const diff = diffOutcomes(before, after);
		expect(diff.added.map((card) => card.id)).toEqual([added]);
		expect(diff.removed.map((card) => card.id)).toEqual([ids.loose]);
		expect(diff.changed).toEqual([
			expect.objectContaining({
				changes: ['text'],
				after: expect.objectContaining({ text: 'Viel Zu wenig Förderung' })
			})
		]);
		expect(diff.votes).toEqual([{ id: ids.rooms, type: 'card', label: 'Keine Räume', before: 2, after: 5 }]);
		expect(diff.clusters.renamed.map((rename) => rename.after.title)).toEqual(['Finanzen']);
		expect(isEmptyDiff(diff)).toBe(false);
		expect(isEmptyDiff(diffOutcomes(after, after))).toBe(true);
	});
});

describe('anonymisation', () => {
	it('drops names from the document and from the Yjs state, and keeps the words', () => {
		const { doc } = sampleBoard();
		const outcome = anonymiseOutcome(buildOutcome(readBoard(doc), new Map(), META), Date.UTC(2027, 0, 1));
		expect(outcome.cards.every((card) => card.authorName === null)).toBe(true);
		expect(outcome.anonymisedAt).toBe('2027-01-01T00:00:00.000Z');
		expect(outcome.cards.map((card) => card.text)).toContain('Zu wenig Förderung');

		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		expect(Buffer.from(Y.encodeStateAsUpdate(copy)).includes('Ayşe')).toBe(true);
		expect(removeAuthorNames(copy)).toBe(true);
		const stored = Y.encodeStateAsUpdate(copy);
		expect(Buffer.from(stored).includes('Ayşe')).toBe(false);
		expect(removeAuthorNames(copy)).toBe(false);
	});
});
