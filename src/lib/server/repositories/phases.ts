/** The board's plan of phases and the step it is on, stored on the board's row. */
import type { Db } from '../db/open';
import type { Phase } from '../../board/phases';

/**
 * Replaces the plan and moves to `index` in it. `phase` mirrors the current step
 * for readers that know only the phase (the JSON API, exports).
 */
export function setPlan(db: Db, boardId: string, plan: readonly Phase[], index: number): void {
	db.prepare('UPDATE boards SET phase_plan = ?, phase_index = ?, phase = ?, updated_at = ? WHERE id = ?').run(
		JSON.stringify(plan),
		index,
		plan[index],
		Date.now(),
		boardId
	);
}

/** Moves to step `index` of the current plan, which begins now. */
export function goTo(db: Db, boardId: string, plan: readonly Phase[], index: number, now = Date.now()): void {
	const phase = plan[index];
	db.prepare(
		`UPDATE boards SET phase_index = ?, phase = ?, phase_started_at = ?, updated_at = ?,
		 collect_started_at = CASE WHEN ? = 'collect' THEN ? ELSE collect_started_at END
		 WHERE id = ?`
	).run(index, phase, now, now, phase, now, boardId);
}
