/**
 * Outcome versions. A stored version never changes, with one exception made on
 * purpose: when its meeting's retention date passes, author names are removed
 * from its document and its Yjs state (see outcomes-retention.ts).
 */
import type { Db } from '../db/open';

export interface OutcomeRow {
	id: string;
	boardId: string;
	meetingId: string;
	version: number;
	/** The JSON document exactly as stored. */
	document: string;
	createdAt: number;
	anonymisedAt: number | null;
}

export interface OutcomeSummary {
	id: string;
	boardId: string;
	version: number;
	createdAt: number;
}

export interface OutcomeListEntry extends OutcomeSummary {
	boardTitle: string;
	meetingId: string;
}

const COLUMNS = `o.id, o.board_id AS boardId, b.meeting_id AS meetingId, o.version, o.document,
	o.created_at AS createdAt, o.anonymised_at AS anonymisedAt`;

export function insert(
	db: Db,
	row: OutcomeSummary & { yjsState: Uint8Array; document: string; createdBy: string | null }
): void {
	db.prepare(
		`INSERT INTO outcomes (id, board_id, version, yjs_state, document, created_by, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	).run(row.id, row.boardId, row.version, row.yjsState, row.document, row.createdBy, row.createdAt);
}

export function nextVersion(db: Db, boardId: string): number {
	const row = db.prepare('SELECT MAX(version) AS version FROM outcomes WHERE board_id = ?').get(boardId) as {
		version: number | null;
	};
	return (row.version ?? 0) + 1;
}

export function read(db: Db, id: string): OutcomeRow | undefined {
	return db
		.prepare(`SELECT ${COLUMNS} FROM outcomes o JOIN boards b ON b.id = o.board_id WHERE o.id = ?`)
		.get(id) as OutcomeRow | undefined;
}

export function readYjsState(db: Db, id: string): Uint8Array | undefined {
	const row = db.prepare('SELECT yjs_state AS state FROM outcomes WHERE id = ?').get(id) as
		{ state: Buffer } | undefined;
	return row && new Uint8Array(row.state);
}

/** Every version of a board, oldest first. */
export function listByBoard(db: Db, boardId: string): OutcomeSummary[] {
	return db
		.prepare(
			`SELECT id, board_id AS boardId, version, created_at AS createdAt FROM outcomes
			 WHERE board_id = ? ORDER BY version`
		)
		.all(boardId) as OutcomeSummary[];
}

export function latestOfBoard(db: Db, boardId: string): OutcomeSummary | undefined {
	return db
		.prepare(
			`SELECT id, board_id AS boardId, version, created_at AS createdAt FROM outcomes
			 WHERE board_id = ? ORDER BY version DESC LIMIT 1`
		)
		.get(boardId) as OutcomeSummary | undefined;
}

/** Every version of every board of the meetings given, boards in creation order, versions newest first. */
export function listByMeetings(db: Db, meetingIds: string[]): OutcomeListEntry[] {
	if (meetingIds.length === 0) return [];
	return db
		.prepare(
			`SELECT o.id, o.board_id AS boardId, o.version, o.created_at AS createdAt,
			   b.title AS boardTitle, b.meeting_id AS meetingId
			 FROM outcomes o JOIN boards b ON b.id = o.board_id
			 WHERE b.meeting_id IN (SELECT value FROM json_each(?))
			 ORDER BY b.created_at, o.version DESC`
		)
		.all(JSON.stringify(meetingIds)) as OutcomeListEntry[];
}

/** Outcomes of the meetings given that still carry author names. */
export function listNotAnonymised(db: Db, meetingId: string): Array<{ id: string }> {
	return db
		.prepare(
			`SELECT o.id FROM outcomes o JOIN boards b ON b.id = o.board_id
			 WHERE b.meeting_id = ? AND o.anonymised_at IS NULL`
		)
		.all(meetingId) as Array<{ id: string }>;
}

export function replaceAnonymised(
	db: Db,
	id: string,
	document: string,
	yjsState: Uint8Array,
	at: number
): void {
	db.prepare('UPDATE outcomes SET document = ?, yjs_state = ?, anonymised_at = ? WHERE id = ?').run(
		document,
		yjsState,
		at,
		id
	);
}

/** The people who took part (joined to write, not only to look), as the outcome reports them. */
export function participantCount(db: Db, boardId: string): number {
	return (
		db
			.prepare("SELECT COUNT(*) AS n FROM participants WHERE board_id = ? AND role = 'participant'")
			.get(boardId) as { n: number }
	).n;
}
