import type { Db } from '../db/open';
import { newId } from '../../board/ids';

export type ParticipantRole = 'participant' | 'viewer';

export interface Participant {
	id: string;
	boardId: string;
	name: string | null;
	organisation: string | null;
	role: ParticipantRole;
	removed: boolean;
	joinedAt: number;
	lastSeenAt: number;
}

interface ParticipantRow extends Omit<Participant, 'removed'> {
	removed: number;
}

const COLUMNS = `id, board_id AS boardId, name, organisation, role, removed,
	joined_at AS joinedAt, last_seen_at AS lastSeenAt`;

function fromRow(row: ParticipantRow | undefined): Participant | undefined {
	return row && { ...row, removed: row.removed === 1 };
}

/**
 * Joins a board as the device's participant: the same device on the same board
 * is always the same participant, with the name it gave last.
 */
export function join(
	db: Db,
	input: {
		boardId: string;
		deviceHash: string;
		name: string | null;
		organisation: string | null;
		role: ParticipantRole;
	}
): Participant {
	const now = Date.now();
	const row = db
		.prepare(
			`INSERT INTO participants (id, board_id, device_hash, name, organisation, role, joined_at, last_seen_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (board_id, device_hash) DO UPDATE SET
			   name = excluded.name, organisation = excluded.organisation, last_seen_at = excluded.last_seen_at
			 RETURNING ${COLUMNS}`
		)
		.get(
			newId(),
			input.boardId,
			input.deviceHash,
			input.name,
			input.organisation,
			input.role,
			now,
			now
		) as ParticipantRow;
	return fromRow(row)!;
}

export function readOnBoard(db: Db, deviceHash: string, boardId: string): Participant | undefined {
	return fromRow(
		db
			.prepare(`SELECT ${COLUMNS} FROM participants WHERE device_hash = ? AND board_id = ?`)
			.get(deviceHash, boardId) as ParticipantRow | undefined
	);
}

/** The board this device joined most recently: what `GET /api/v1/me` reports. */
export function readLatest(db: Db, deviceHash: string): Participant | undefined {
	return fromRow(
		db
			.prepare(
				`SELECT ${COLUMNS} FROM participants WHERE device_hash = ? AND removed = 0
				 ORDER BY last_seen_at DESC LIMIT 1`
			)
			.get(deviceHash) as ParticipantRow | undefined
	);
}

/** Everyone who joined the board and was not removed, in the order they joined. */
export function listOnBoard(db: Db, boardId: string): Participant[] {
	const rows = db
		.prepare(`SELECT ${COLUMNS} FROM participants WHERE board_id = ? AND removed = 0 ORDER BY joined_at`)
		.all(boardId) as ParticipantRow[];
	return rows.map((row) => fromRow(row)!);
}

/** Everyone who ever joined the board, removed ones too (their changes can still be undone). */
export function listAllOnBoard(db: Db, boardId: string): Participant[] {
	const rows = db
		.prepare(`SELECT ${COLUMNS} FROM participants WHERE board_id = ? ORDER BY joined_at`)
		.all(boardId) as ParticipantRow[];
	return rows.map((row) => fromRow(row)!);
}

export function readById(db: Db, boardId: string, participantId: string): Participant | undefined {
	return fromRow(
		db
			.prepare(`SELECT ${COLUMNS} FROM participants WHERE id = ? AND board_id = ?`)
			.get(participantId, boardId) as ParticipantRow | undefined
	);
}

/** Removed for good: the device cannot open or rejoin the board again. */
export function markRemoved(db: Db, participantId: string): void {
	db.prepare('UPDATE participants SET removed = 1 WHERE id = ?').run(participantId);
}

export function countOnBoard(db: Db, boardId: string): number {
	return (
		db.prepare('SELECT COUNT(*) AS n FROM participants WHERE board_id = ? AND removed = 0').get(boardId) as {
			n: number;
		}
	).n;
}
