/**
 * Dot votes and a board's voting settings. A vote row is one person's dots on
 * one card or cluster; budgets are checked over a budget holder's rows (the
 * person, or everyone of their organisation) inside one transaction.
 */
import type { Db } from '../db/open';
import {
	checkCast,
	DEFAULT_VOTE_SETTINGS,
	organisationKey,
	remainingDots,
	type CastRefusal,
	type VoteSettings
} from '../../board/voting';

interface SettingsRow {
	open: number;
	budget: number;
	maxPerCard: number;
	perOrganisation: number;
	revealed: number;
}

interface VoteRow {
	voterId: string;
	targetId: string;
	count: number;
}

export function readSettings(db: Db, boardId: string): VoteSettings {
	const row = db
		.prepare(
			`SELECT open, budget, max_per_card AS maxPerCard, per_organisation AS perOrganisation, revealed
			 FROM vote_settings WHERE board_id = ?`
		)
		.get(boardId) as SettingsRow | undefined;
	if (!row) return { ...DEFAULT_VOTE_SETTINGS };
	return {
		open: row.open === 1,
		budget: row.budget,
		maxPerCard: row.maxPerCard,
		perOrganisation: row.perOrganisation === 1,
		revealed: row.revealed === 1
	};
}

export function saveSettings(db: Db, boardId: string, settings: VoteSettings): void {
	db.prepare(
		`INSERT INTO vote_settings (board_id, open, budget, max_per_card, per_organisation, revealed, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (board_id) DO UPDATE SET open = excluded.open, budget = excluded.budget,
		   max_per_card = excluded.max_per_card, per_organisation = excluded.per_organisation,
		   revealed = excluded.revealed, updated_at = excluded.updated_at`
	).run(
		boardId,
		Number(settings.open),
		settings.budget,
		settings.maxPerCard,
		Number(settings.perOrganisation),
		Number(settings.revealed),
		Date.now()
	);
}

/**
 * Everyone who spends from the same budget as `voterId`: the voter alone, or,
 * per organisation, every participant of the board whose organisation is the same.
 */
export function budgetHolder(db: Db, boardId: string, voterId: string, perOrganisation: boolean): string[] {
	if (!perOrganisation) return [voterId];
	const rows = db
		.prepare('SELECT id, organisation FROM participants WHERE board_id = ?')
		.all(boardId) as Array<{ id: string; organisation: string | null }>;
	const key = organisationKey(rows.find((row) => row.id === voterId)?.organisation);
	if (key === null) return [voterId];
	return rows.filter((row) => organisationKey(row.organisation) === key).map((row) => row.id);
}

function votesOf(db: Db, boardId: string, voterIds: readonly string[]): VoteRow[] {
	if (voterIds.length === 0) return [];
	return db
		.prepare(
			`SELECT voter_id AS voterId, target_id AS targetId, count FROM votes
			 WHERE board_id = ? AND voter_id IN (${voterIds.map(() => '?').join(', ')})`
		)
		.all(boardId, ...voterIds) as VoteRow[];
}

export interface DotsOfVoter {
	/** This person's own dots per card or cluster. */
	counts: Record<string, number>;
	/** What is left of the budget they spend from (shared with their organisation per organisation). */
	remaining: number;
}

/** Dots on cards or clusters that no longer exist are neither shown nor counted against the budget. */
export function dotsOf(
	db: Db,
	boardId: string,
	voterId: string,
	settings: VoteSettings,
	liveTargets: ReadonlySet<string>
): DotsOfVoter {
	const holder = budgetHolder(db, boardId, voterId, settings.perOrganisation);
	const counts: Record<string, number> = {};
	let used = 0;
	for (const row of votesOf(db, boardId, holder)) {
		if (!liveTargets.has(row.targetId)) continue;
		used += row.count;
		if (row.voterId === voterId) counts[row.targetId] = row.count;
	}
	return { counts, remaining: remainingDots(settings, used) };
}

export type CastResult = { ok: true } | { ok: false; reason: CastRefusal };

/**
 * Places one dot, checking budget and maximum per card over the holder's votes
 * in the same transaction as the write: two devices of one person (or two people
 * of one organisation) voting at once can never overspend.
 */
export function cast(
	db: Db,
	input: { boardId: string; voterId: string; targetId: string; liveTargets: ReadonlySet<string> }
): CastResult {
	return db
		.transaction((): CastResult => {
			const settings = readSettings(db, input.boardId);
			const holder = budgetHolder(db, input.boardId, input.voterId, settings.perOrganisation);
			let used = 0;
			let onTarget = 0;
			for (const row of votesOf(db, input.boardId, holder)) {
				if (!input.liveTargets.has(row.targetId)) continue;
				used += row.count;
				if (row.targetId === input.targetId) onTarget += row.count;
			}
			const refusal = checkCast(settings, used, onTarget);
			if (refusal) return { ok: false, reason: refusal };
			db.prepare(
				`INSERT INTO votes (board_id, voter_id, target_id, count) VALUES (?, ?, ?, 1)
			 ON CONFLICT (board_id, voter_id, target_id) DO UPDATE SET count = count + 1`
			).run(input.boardId, input.voterId, input.targetId);
			return { ok: true };
		})
		.immediate();
}

/** Takes back one of the voter's own dots; false when they have none there. */
export function retract(db: Db, boardId: string, voterId: string, targetId: string): boolean {
	return db
		.transaction(() => {
			const changed = db
				.prepare(
					'UPDATE votes SET count = count - 1 WHERE board_id = ? AND voter_id = ? AND target_id = ? AND count > 1'
				)
				.run(boardId, voterId, targetId).changes;
			if (changed > 0) return true;
			return (
				db
					.prepare('DELETE FROM votes WHERE board_id = ? AND voter_id = ? AND target_id = ? AND count = 1')
					.run(boardId, voterId, targetId).changes > 0
			);
		})
		.immediate();
}

/** Dots per card or cluster, over everyone, for the targets that still exist. */
export function totals(db: Db, boardId: string, liveTargets: ReadonlySet<string>): Record<string, number> {
	const rows = db
		.prepare(
			'SELECT target_id AS targetId, SUM(count) AS total FROM votes WHERE board_id = ? GROUP BY target_id'
		)
		.all(boardId) as Array<{ targetId: string; total: number }>;
	const result: Record<string, number> = {};
	for (const row of rows) if (liveTargets.has(row.targetId)) result[row.targetId] = row.total;
	return result;
}

/**
 * Moves every dot on `fromIds` to `toId` (a merge): a facilitator's decision, so
 * neither the budget nor the maximum per card applies.
 */
export function moveVotes(db: Db, boardId: string, fromIds: readonly string[], toId: string): void {
	if (fromIds.length === 0) return;
	const placeholders = fromIds.map(() => '?').join(', ');
	db.transaction(() => {
		db.prepare(
			`INSERT INTO votes (board_id, voter_id, target_id, count)
			 SELECT board_id, voter_id, ?, SUM(count) FROM votes
			 WHERE board_id = ? AND target_id IN (${placeholders}) GROUP BY voter_id
			 ON CONFLICT (board_id, voter_id, target_id) DO UPDATE SET count = count + excluded.count`
		).run(toId, boardId, ...fromIds);
		db.prepare(`DELETE FROM votes WHERE board_id = ? AND target_id IN (${placeholders})`).run(
			boardId,
			...fromIds
		);
	})();
}
