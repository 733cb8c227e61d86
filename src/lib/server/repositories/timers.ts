/** A board's timer (see src/lib/realtime/timer.ts). No row: no timer. */
import type { Db } from '../db/open';
import type { Timer } from '../../realtime/timer';

interface TimerRow {
	status: 'running' | 'paused';
	durationMs: number;
	endsAt: number | null;
	remainingMs: number | null;
}

export function read(db: Db, boardId: string): Timer | undefined {
	const row = db
		.prepare(
			`SELECT status, duration_ms AS durationMs, ends_at AS endsAt, remaining_ms AS remainingMs
			 FROM board_timers WHERE board_id = ?`
		)
		.get(boardId) as TimerRow | undefined;
	if (!row) return undefined;
	return row.status === 'running'
		? { status: 'running', durationMs: row.durationMs, endsAt: row.endsAt ?? 0 }
		: { status: 'paused', durationMs: row.durationMs, remainingMs: row.remainingMs ?? 0 };
}

export function write(db: Db, boardId: string, timer: Timer): void {
	db.prepare(
		`INSERT INTO board_timers (board_id, status, duration_ms, ends_at, remaining_ms, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (board_id) DO UPDATE SET status = excluded.status, duration_ms = excluded.duration_ms,
		   ends_at = excluded.ends_at, remaining_ms = excluded.remaining_ms, updated_at = excluded.updated_at`
	).run(
		boardId,
		timer.status,
		timer.durationMs,
		timer.status === 'running' ? timer.endsAt : null,
		timer.status === 'paused' ? timer.remainingMs : null,
		Date.now()
	);
}

export function clear(db: Db, boardId: string): void {
	db.prepare('DELETE FROM board_timers WHERE board_id = ?').run(boardId);
}
