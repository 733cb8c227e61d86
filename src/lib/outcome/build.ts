import type { BoardContent } from '../board/schema';
import {
	OUTCOME_FORMAT,
	OUTCOME_FORMAT_VERSION,
	type OutcomeCard,
	type OutcomeChallenge,
	type OutcomeCluster,
	type OutcomeDocument,
	type OutcomeMeta,
	type OutcomeRankingEntry,
	type VoteCounts
} from './format';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/**
 * Competition ranking ("1, 2, 2, 4") over entries already sorted by votes:
 * equal votes share a rank, the next rank skips as many places.
 */
export function rankByVotes<T extends { votes: number }>(sorted: T[]): Array<T & { rank: number }> {
	let rank = 0;
	return sorted.map((entry, index) => {
		if (index === 0 || entry.votes !== sorted[index - 1].votes) rank = index + 1;
		return { ...entry, rank };
	});
}

/** Most votes first; equal votes keep the board's order (Array.prototype.sort is stable). */
function byVotes<T extends { votes: number }>(entries: T[]): T[] {
	return [...entries].sort((a, b) => b.votes - a.votes);
}

/**
 * Turns the board's content at the moment it was finished, its vote counts and
 * the server's facts about it into the normalised outcome document. Pure: the
 * same input always gives the same document, byte for byte once stringified.
 */
export function buildOutcome(content: BoardContent, votes: VoteCounts, meta: OutcomeMeta): OutcomeDocument {
	const columns = new Map(content.columns.map((column) => [column.id, column]));
	const clusterIds = new Set(content.clusters.map((cluster) => cluster.id));
	const cards: OutcomeCard[] = content.cards.map((card) => ({
		id: card.id,
		columnId: card.columnId,
		kind: columns.get(card.columnId)?.kind ?? 'note',
		text: card.text,
		lang: card.lang,
		translations: { ...card.translations },
		authorName: card.authorName,
		createdAt: iso(card.createdAt),
		clusterId: card.clusterId !== null && clusterIds.has(card.clusterId) ? card.clusterId : null,
		votes: votes.get(card.id) ?? 0
	}));
	const cardVotes = new Map(cards.map((card) => [card.id, card.votes]));

	const clusters: OutcomeCluster[] = content.clusters.map((cluster) => {
		const cardIds = cards.filter((card) => card.clusterId === cluster.id).map((card) => card.id);
		const ownVotes = votes.get(cluster.id) ?? 0;
		return {
			id: cluster.id,
			title: cluster.title,
			columnId: cluster.columnId,
			cardIds,
			votes: cardIds.reduce((sum, id) => sum + (cardVotes.get(id) ?? 0), ownVotes)
		};
	});

	const links = content.links.map((link) => ({ solutionId: link.solutionId, challengeId: link.challengeId }));
	const challenges: OutcomeChallenge[] = rankByVotes(
		byVotes(cards.filter((card) => card.kind === 'challenge')).map((card) => ({
			cardId: card.id,
			votes: card.votes,
			solutionIds: byVotes(
				links
					.filter((link) => link.challengeId === card.id)
					.map((link) => ({ id: link.solutionId, votes: cardVotes.get(link.solutionId) ?? 0 }))
			).map((solution) => solution.id)
		}))
	).map(({ cardId, rank, votes, solutionIds }) => ({ cardId, rank, votes, solutionIds }));

	const knownIds = new Set([...cardVotes.keys(), ...clusterIds]);
	const sources = new Map(content.cards.map((card) => [card.id, card.sources]));
	const recommendations = cards
		.filter((card) => card.kind === 'recommendation')
		.map((card) => ({
			cardId: card.id,
			votes: card.votes,
			sourceIds: (sources.get(card.id) ?? []).filter((id) => knownIds.has(id))
		}));

	const voted = [
		...cards.map((card) => ({ id: card.id, type: 'card' as const, votes: card.votes })),
		...clusters.map((cluster) => ({ id: cluster.id, type: 'cluster' as const, votes: cluster.votes }))
	].filter((entry) => entry.votes > 0);
	const ranking: OutcomeRankingEntry[] = rankByVotes(byVotes(voted));

	let totalVotes = 0;
	for (const [id, count] of votes) if (knownIds.has(id)) totalVotes += count;

	return {
		format: OUTCOME_FORMAT,
		formatVersion: OUTCOME_FORMAT_VERSION,
		id: meta.id,
		version: meta.version,
		createdAt: iso(meta.createdAt),
		meeting: {
			id: meta.meeting.id,
			title: meta.meeting.title,
			startsAt: meta.meeting.startsAt === null ? null : iso(meta.meeting.startsAt),
			location: meta.meeting.location,
			timeZone: meta.meeting.timeZone
		},
		board: { id: meta.board.id, title: meta.board.title },
		participantCount: meta.participantCount,
		anonymisedAt: null,
		columns: content.columns.map((column) => ({ id: column.id, title: column.title, kind: column.kind })),
		cards,
		links,
		clusters,
		challenges,
		recommendations,
		ranking,
		totals: { cards: cards.length, votes: totalVotes }
	};
}
