/** What the facilitator has put in the spotlight on a board: one card or cluster, or nothing. */
import type { Db } from '../db/open';

export interface Spotlight {
	kind: 'card' | 'cluster';
	id: string;
}

export function read(db: Db, boardId: string): Spotlight | null {
	const row = db
		.prepare('SELECT kind, target_id AS id FROM board_spotlights WHERE board_id = ?')
		.get(boardId) as Spotlight | undefined;
	return row ?? null;
}

export function write(db: Db, boardId: string, spotlight: Spotlight): void {
	db.prepare(
		`INSERT INTO board_spotlights (board_id, kind, target_id, set_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (board_id) DO UPDATE SET kind = excluded.kind, target_id = excluded.target_id,
		   set_at = excluded.set_at`
	).run(boardId, spotlight.kind, spotlight.id, Date.now());
}

export function clear(db: Db, boardId: string): void {
	db.prepare('DELETE FROM board_spotlights WHERE board_id = ?').run(boardId);
}
