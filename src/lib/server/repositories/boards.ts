import { randomInt } from 'node:crypto';
import type { Db } from '../db/open';
import { newId } from '../../board/ids';
import type { Template } from '../../board/schema';
import { DEFAULT_PLAN, isPhase, type Phase } from '../../board/phases';

/** No 0/O and no 1/I/L: a code read aloud across a hall or copied from a projector stays unambiguous. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export type { Phase };

export interface Board {
	id: string;
	meetingId: string;
	title: string;
	template: Template;
	joinCode: string;
	phase: Phase;
	locked: boolean;
	finished: boolean;
	createdAt: number;
	updatedAt: number;
	/** The phases the facilitator planned, in order; `phase` is `phasePlan[phaseIndex]`. */
	phasePlan: Phase[];
	phaseIndex: number;
	phaseStartedAt: number | null;
	/** When the latest collect step began: who joins after it is a late joiner. */
	collectStartedAt: number | null;
	/** Participants may translate cards they did not write (see src/lib/board/translations.ts). */
	interpretersAllowed: boolean;
}

interface BoardRow extends Omit<Board, 'locked' | 'finished' | 'phasePlan' | 'interpretersAllowed'> {
	locked: number;
	finished: number;
	interpretersAllowed: number;
	phasePlan: string;
}

const COLUMNS = `id, meeting_id AS meetingId, title, template, join_code AS joinCode, phase,
	locked, finished, created_at AS createdAt, updated_at AS updatedAt, phase_plan AS phasePlan,
	phase_index AS phaseIndex, phase_started_at AS phaseStartedAt, collect_started_at AS collectStartedAt,
	interpreters_allowed AS interpretersAllowed`;

function fromRow(row: BoardRow | undefined): Board | undefined {
	return (
		row && {
			...row,
			locked: row.locked === 1,
			finished: row.finished === 1,
			phasePlan: readPlan(row.phasePlan),
			interpretersAllowed: row.interpretersAllowed === 1
		}
	);
}

function readPlan(json: string): Phase[] {
	const plan: unknown = JSON.parse(json);
	return Array.isArray(plan) && plan.length > 0 && plan.every(isPhase) ? plan : [...DEFAULT_PLAN];
}

export function generateJoinCode(): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
	return code;
}

/** Accepts what people type: lower case, spaces and dashes. */
export function normaliseJoinCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function create(db: Db, meetingId: string, title: string, template: Template): Board {
	const now = Date.now();
	for (;;) {
		const board: Board = {
			id: newId(),
			meetingId,
			title,
			template,
			joinCode: generateJoinCode(),
			phase: 'collect',
			locked: false,
			finished: false,
			createdAt: now,
			updatedAt: now,
			phasePlan: [...DEFAULT_PLAN],
			phaseIndex: 0,
			phaseStartedAt: null,
			collectStartedAt: null,
			interpretersAllowed: false
		};
		const result = db
			.prepare(
				`INSERT INTO boards (id, meeting_id, title, template, join_code, phase, locked, finished, created_at, updated_at)
				 VALUES (?, ?, ?, ?, ?, 'collect', 0, 0, ?, ?) ON CONFLICT (join_code) DO NOTHING`
			)
			.run(board.id, meetingId, title, template, board.joinCode, now, now);
		if (result.changes === 1) return board;
	}
}

export function read(db: Db, id: string): Board | undefined {
	return fromRow(db.prepare(`SELECT ${COLUMNS} FROM boards WHERE id = ?`).get(id) as BoardRow | undefined);
}

export function readByJoinCode(db: Db, code: string): Board | undefined {
	return fromRow(
		db.prepare(`SELECT ${COLUMNS} FROM boards WHERE join_code = ?`).get(normaliseJoinCode(code)) as
			BoardRow | undefined
	);
}

export function listByMeeting(db: Db, meetingId: string): Board[] {
	const rows = db
		.prepare(`SELECT ${COLUMNS} FROM boards WHERE meeting_id = ? ORDER BY created_at`)
		.all(meetingId) as BoardRow[];
	return rows.map((row) => fromRow(row)!);
}

export function setLocked(db: Db, id: string, locked: boolean): void {
	db.prepare('UPDATE boards SET locked = ?, updated_at = ? WHERE id = ?').run(locked ? 1 : 0, Date.now(), id);
}

export function setInterpretersAllowed(db: Db, id: string, allowed: boolean): void {
	db.prepare('UPDATE boards SET interpreters_allowed = ?, updated_at = ? WHERE id = ?').run(
		allowed ? 1 : 0,
		Date.now(),
		id
	);
}

export function rename(db: Db, id: string, title: string): void {
	db.prepare('UPDATE boards SET title = ?, updated_at = ? WHERE id = ?').run(title, Date.now(), id);
}

/** A finished board is read-only for everyone; see src/lib/server/outcomes.ts. */
export function setFinished(db: Db, id: string, finished: boolean): void {
	db.prepare('UPDATE boards SET finished = ?, updated_at = ? WHERE id = ?').run(
		finished ? 1 : 0,
		Date.now(),
		id
	);
}
