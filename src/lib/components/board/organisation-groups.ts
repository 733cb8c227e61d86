/** Cards grouped by their author's organisation, for the facilitators' anonymised view. */
import { organisationKey } from '$lib/board/voting';
import type { BoardContent, Card } from '$lib/board/schema';

export interface OrganisationGroup {
	key: string;
	name: string;
	cards: Card[];
}

/**
 * One group per organisation (spelled as its first card's author gave it, matched
 * like vote budgets are), largest first; cards of authors without one last.
 */
export function groupByOrganisation(
	content: BoardContent,
	organisations: Record<string, string>,
	noneLabel: string
): OrganisationGroup[] {
	const groups = new Map<string, OrganisationGroup>();
	const none: OrganisationGroup = { key: 'none', name: noneLabel, cards: [] };
	for (const card of content.cards) {
		const name = organisations[card.authorId];
		const key = organisationKey(name);
		if (!name || key === null) {
			none.cards.push(card);
			continue;
		}
		const group = groups.get(key) ?? { key: `org-${groups.size}`, name: name.trim(), cards: [] };
		group.cards.push(card);
		groups.set(key, group);
	}
	const sorted = [...groups.values()].sort((a, b) => b.cards.length - a.cards.length);
	return none.cards.length > 0 ? [...sorted, none] : sorted;
}
