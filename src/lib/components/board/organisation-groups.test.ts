import { describe, expect, it } from 'vitest';
import type { BoardContent, Card } from '$lib/board/schema';
import { groupByOrganisation } from './organisation-groups';

const card = (id: string, authorId: string): Card => ({
	id,
	columnId: 'c',
	text: id,
	authorId,
	authorName: authorId,
	createdAt: 0,
	clusterId: null,
	sources: [],
	lang: null,
	translations: {}
});

describe('groupByOrganisation', () => {
	it('groups cards by organisation however it was typed, largest first, unknown last', () => {
		const content: BoardContent = {
			columns: [],
			links: [],
			clusters: [],
			cards: [card('a', 'p1'), card('b', 'p2'), card('c', 'p3'), card('d', 'p4'), card('e', 'p2')]
		};
		const groups = groupByOrganisation(
			content,
			{ p1: 'Sportverein', p2: 'Kulturverein', p3: ' kulturverein ' },
			'Ohne Angabe'
		);
		expect(groups.map((group) => [group.name, group.cards.map((c) => c.id)])).toEqual([
			['Kulturverein', ['b', 'c', 'e']],
			['Sportverein', ['a']],
			['Ohne Angabe', ['d']]
		]);
	});
});
