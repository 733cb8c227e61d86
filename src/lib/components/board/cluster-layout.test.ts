import { describe, expect, it } from 'vitest';
import type { BoardContent, Card, Cluster } from '$lib/board/schema';
import { clustersInColumn, layoutColumn } from './cluster-layout';

const card = (id: string, columnId: string, clusterId: string | null): Card => ({
	id,
	columnId,
	clusterId,
	text: id,
	authorId: 'a',
	authorName: null,
	createdAt: 0,
	sources: [],
	lang: null,
	translations: {}
});
const cluster = (id: string, columnId: string | null): Cluster => ({
	id,
	columnId,
	title: id,
	authorId: 'a',
	createdAt: 0
});

const content: BoardContent = {
	columns: [
		{ id: 'c', title: 'C', kind: 'challenge' },
		{ id: 's', title: 'S', kind: 'solution' }
	],
	cards: [
		card('c1', 'c', 'rooms'),
		card('c2', 'c', null),
		card('c3', 'c', 'money'),
		card('s1', 's', 'loose')
	],
	links: [],
	clusters: [cluster('rooms', 'c'), cluster('money', 'c'), cluster('loose', null), cluster('empty', 's')]
};

describe('clustersInColumn', () => {
	it('shows clusters made for the column, and column-less clusters where their cards are', () => {
		expect(clustersInColumn(content, 'c').map((c) => c.id)).toEqual(['rooms', 'money']);
		expect(clustersInColumn(content, 's').map((c) => c.id)).toEqual(['loose', 'empty']);
	});
});

describe('layoutColumn', () => {
	const cards = content.cards.filter((c) => c.columnId === 'c');

	it('groups cards by cluster in creation order, loose cards apart', () => {
		const layout = layoutColumn(content, 'c', cards, null);
		expect(layout.groups.map((group) => [group.cluster.id, group.cards.map((c) => c.id)])).toEqual([
			['rooms', ['c1']],
			['money', ['c3']]
		]);
		expect(layout.loose.map((c) => c.id)).toEqual(['c2']);
	});

	it('puts themes and cards with more dots first', () => {
		const layout = layoutColumn(content, 'c', cards, { money: 3, rooms: 1 });
		expect(layout.groups.map((group) => group.cluster.id)).toEqual(['money', 'rooms']);
	});
});
