import type { Db } from '../db/open';

/** Whether participants' new cards are drafts, seen only by them and the facilitators. */
export function isOn(db: Db, boardId: string): boolean {
	const row = db.prepare('SELECT enabled FROM private_writing WHERE board_id = ?').get(boardId) as
		{ enabled: number } | undefined;
	return row?.enabled === 1;
}

export function setOn(db: Db, boardId: string, on: boolean): void {
	db.prepare(
		`INSERT INTO private_writing (board_id, enabled, updated_at) VALUES (?, ?, ?)
		 ON CONFLICT (board_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`
	).run(boardId, Number(on), Date.now());
}
