import type { Db } from '../db/open';

/**
 * The organisation each participant of a board gave when joining, by participant
 * id (the `authorId` of their cards). For facilitators only: together with the
 * cards it tells who wrote what, so it never goes to participants.
 */
export function byParticipant(db: Db, boardId: string): Record<string, string> {
	const rows = db
		.prepare(
			`SELECT id, organisation FROM participants
			 WHERE board_id = ? AND organisation IS NOT NULL AND TRIM(organisation) != ''`
		)
		.all(boardId) as Array<{ id: string; organisation: string }>;
	return Object.fromEntries(rows.map((row) => [row.id, row.organisation.trim()]));
}
