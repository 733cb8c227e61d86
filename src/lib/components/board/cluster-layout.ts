/** How a column's cards are laid out: its clusters (themes) with their cards, then the cards without one. */
import type { BoardContent, Card, Cluster } from '$lib/board/schema';

/**
 * The clusters shown in a column: those made for it, and those without a
 * (known) column that hold one of its cards.
 */
export function clustersInColumn(content: BoardContent, columnId: string): Cluster[] {
	const columnIds = new Set(content.columns.map((column) => column.id));
	return content.clusters.filter(
		(cluster) =>
			cluster.columnId === columnId ||
			((cluster.columnId === null || !columnIds.has(cluster.columnId)) &&
				content.cards.some((card) => card.columnId === columnId && card.clusterId === cluster.id))
	);
}

export interface ColumnLayout {
	groups: Array<{ cluster: Cluster; cards: Card[] }>;
	loose: Card[];
}

/** Groups a column's cards by cluster; with `totals`, themes and cards with more dots come first. */
export function layoutColumn(
	content: BoardContent,
	columnId: string,
	cards: Card[],
	totals: Record<string, number> | null
): ColumnLayout {
	const byVotes = <T extends { id: string }>(items: T[]) =>
		totals ? [...items].sort((a, b) => (totals[b.id] ?? 0) - (totals[a.id] ?? 0)) : items;
	const clusters = clustersInColumn(content, columnId);
	const shown = new Set(clusters.map((cluster) => cluster.id));
	return {
		groups: byVotes(clusters).map((cluster) => ({
			cluster,
			cards: byVotes(cards.filter((card) => card.clusterId === cluster.id))
		})),
		loose: byVotes(cards.filter((card) => !card.clusterId || !shown.has(card.clusterId)))
	};
}
