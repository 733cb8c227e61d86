import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCluster, dissolveCluster, moveCardToCluster, renameCluster } from './clusters';
import { readBoard } from './read';
import { LIMITS } from './schema';
import { addTestCard, newTestBoard } from './testing';

function boardWithCluster() {
	const board = newTestBoard();
	createCluster(board.doc, {
		id: 'theme-1',
		title: '  Räume  ',
		columnId: board.challengeColumnId,
		authorId: 'fatma',
		createdAt: 5
	});
	return board;
}

describe('clusters', () => {
	it('creates a cluster that readBoard returns with its trimmed title', () => {
		const { doc, challengeColumnId } = boardWithCluster();
		expect(readBoard(doc).clusters).toEqual([
			{ id: 'theme-1', title: 'Räume', columnId: challengeColumnId, authorId: 'fatma', createdAt: 5 }
		]);
	});

	it('cuts a title at the title limit', () => {
		const { doc } = newTestBoard();
		createCluster(doc, { id: 'long', title: 'x'.repeat(500), columnId: null, authorId: 'a', createdAt: 1 });
		expect(readBoard(doc).clusters[0].title).toHaveLength(LIMITS.title);
		expect(readBoard(doc).clusters[0].columnId).toBeNull();
	});

	it('renames a cluster, and refuses an unknown one', () => {
		const { doc } = boardWithCluster();
		expect(renameCluster(doc, 'theme-1', 'Raumnot')).toBe(true);
		expect(readBoard(doc).clusters[0].title).toBe('Raumnot');
		expect(renameCluster(doc, 'nope', 'x')).toBe(false);
	});

	it('moves a card into a cluster and back out', () => {
		const { doc, challengeColumnId } = boardWithCluster();
		const card = addTestCard(doc, { columnId: challengeColumnId });
		expect(moveCardToCluster(doc, card, 'theme-1')).toBe(true);
		expect(readBoard(doc).cards[0].clusterId).toBe('theme-1');
		expect(moveCardToCluster(doc, card, null)).toBe(true);
		expect(readBoard(doc).cards[0].clusterId).toBeNull();
	});

	it('refuses an unknown card or cluster and changes nothing', () => {
		const { doc, challengeColumnId } = boardWithCluster();
		const card = addTestCard(doc, { columnId: challengeColumnId });
		expect(moveCardToCluster(doc, card, 'missing')).toBe(false);
		expect(moveCardToCluster(doc, 'missing', 'theme-1')).toBe(false);
		expect(readBoard(doc).cards[0].clusterId).toBeNull();
	});

	it('dissolving a cluster puts its cards back, unclustered, and keeps other clusters', () => {
		const { doc, challengeColumnId } = boardWithCluster();
		createCluster(doc, {
			id: 'theme-2',
			title: 'Geld',
			columnId: challengeColumnId,
			authorId: 'f',
			createdAt: 6
		});
		const a = addTestCard(doc, { columnId: challengeColumnId });
		const b = addTestCard(doc, { columnId: challengeColumnId });
		moveCardToCluster(doc, a, 'theme-1');
		moveCardToCluster(doc, b, 'theme-2');
		dissolveCluster(doc, 'theme-1');
		const content = readBoard(doc);
		expect(content.clusters.map((cluster) => cluster.id)).toEqual(['theme-2']);
		expect(content.cards.map((card) => [card.id, card.clusterId])).toEqual([
			[a, null],
			[b, 'theme-2']
		]);
	});

	it('a card moved into a cluster that another device dissolved at the same time reads as unclustered', () => {
		const { doc: a, challengeColumnId } = boardWithCluster();
		const card = addTestCard(a, { columnId: challengeColumnId });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		moveCardToCluster(a, card, 'theme-1');
		dissolveCluster(b, 'theme-1');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		for (const doc of [a, b]) {
			expect(readBoard(doc).clusters).toEqual([]);
			expect(readBoard(doc).cards[0].clusterId).toBeNull();
		}
	});
});
