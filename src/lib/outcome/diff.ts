import type { OutcomeCard, OutcomeCluster, OutcomeDocument } from './format';

export type CardChange = 'text' | 'column' | 'cluster' | 'translations';

export interface OutcomeDiff {
	/** Cards in the later version only. */
	added: OutcomeCard[];
	/** Cards in the earlier version only. */
	removed: OutcomeCard[];
	/** Cards in both whose content or place differs. */
	changed: Array<{ before: OutcomeCard; after: OutcomeCard; changes: CardChange[] }>;
	/** Cards and clusters whose votes differ (a target missing on one side counts as 0). */
	votes: Array<{ id: string; type: 'card' | 'cluster'; label: string; before: number; after: number }>;
	clusters: {
		added: OutcomeCluster[];
		removed: OutcomeCluster[];
		renamed: Array<{ before: OutcomeCluster; after: OutcomeCluster }>;
	};
	links: {
		added: Array<{ solutionId: string; challengeId: string }>;
		removed: Array<{ solutionId: string; challengeId: string }>;
	};
}

function sameTranslations(a: Record<string, string>, b: Record<string, string>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function cardChanges(before: OutcomeCard, after: OutcomeCard): CardChange[] {
	const changes: CardChange[] = [];
	if (before.text !== after.text) changes.push('text');
	if (before.columnId !== after.columnId) changes.push('column');
	if (before.clusterId !== after.clusterId) changes.push('cluster');
	if (!sameTranslations(before.translations, after.translations)) changes.push('translations');
	return changes;
}

/** What changed from outcome `a` (the earlier version) to outcome `b`. Author names are not compared. */
export function diffOutcomes(a: OutcomeDocument, b: OutcomeDocument): OutcomeDiff {
	const beforeCards = new Map(a.cards.map((card) => [card.id, card]));
	const afterCards = new Map(b.cards.map((card) => [card.id, card]));
	const beforeClusters = new Map(a.clusters.map((cluster) => [cluster.id, cluster]));
	const afterClusters = new Map(b.clusters.map((cluster) => [cluster.id, cluster]));

	const changed: OutcomeDiff['changed'] = [];
	for (const after of b.cards) {
		const before = beforeCards.get(after.id);
		const changes = before ? cardChanges(before, after) : [];
		if (before && changes.length > 0) changed.push({ before, after, changes });
	}

	const votes: OutcomeDiff['votes'] = [];
	const compareVotes = <T extends { id: string; votes: number }>(
		type: 'card' | 'cluster',
		before: Map<string, T>,
		after: Map<string, T>,
		label: (item: T) => string
	) => {
		for (const id of new Set([...before.keys(), ...after.keys()])) {
			const was = before.get(id)?.votes ?? 0;
			const now = after.get(id)?.votes ?? 0;
			if (was !== now)
				votes.push({ id, type, label: label((after.get(id) ?? before.get(id))!), before: was, after: now });
		}
	};
	compareVotes('card', beforeCards, afterCards, (card) => card.text);
	compareVotes('cluster', beforeClusters, afterClusters, (cluster) => cluster.title);

	const linkKey = (link: { solutionId: string; challengeId: string }) =>
		`${link.solutionId}>${link.challengeId}`;
	const beforeLinks = new Set(a.links.map(linkKey));
	const afterLinks = new Set(b.links.map(linkKey));

	return {
		added: b.cards.filter((card) => !beforeCards.has(card.id)),
		removed: a.cards.filter((card) => !afterCards.has(card.id)),
		changed,
		votes,
		clusters: {
			added: b.clusters.filter((cluster) => !beforeClusters.has(cluster.id)),
			removed: a.clusters.filter((cluster) => !afterClusters.has(cluster.id)),
			renamed: b.clusters.flatMap((after) => {
				const before = beforeClusters.get(after.id);
				return before && before.title !== after.title ? [{ before, after }] : [];
			})
		},
		links: {
			added: b.links.filter((link) => !beforeLinks.has(linkKey(link))),
			removed: a.links.filter((link) => !afterLinks.has(linkKey(link)))
		}
	};
}

/** Whether two versions differ in anything the diff reports. */
export function isEmptyDiff(diff: OutcomeDiff): boolean {
	return (
		diff.added.length +
			diff.removed.length +
			diff.changed.length +
			diff.votes.length +
			diff.clusters.added.length +
			diff.clusters.removed.length +
			diff.clusters.renamed.length +
			diff.links.added.length +
			diff.links.removed.length ===
		0
	);
}
