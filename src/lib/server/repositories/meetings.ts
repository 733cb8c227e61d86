import type { Db } from '../db/open';
import { newId } from '../../board/ids';

export interface Meeting {
	id: string;
	ownerId: string;
	title: string;
	startsAt: number | null;
	location: string | null;
	description: string | null;
	/** After this moment participant data is deleted (outcomes-privacy.ts); null keeps it until the meeting is deleted. */
	retainUntil: number | null;
	/** The IANA zone its times are read and shown in; null for meetings from before zones were kept (see meetingTimeZone). */
	timeZone: string | null;
	createdAt: number;
	updatedAt: number;
}

export interface MeetingInput {
	title: string;
	startsAt: number | null;
	location: string | null;
	description: string | null;
	retainUntil?: number | null;
	/** Absent: the meeting takes DEFAULT_TIME_ZONE. */
	timeZone?: string | null;
}

const COLUMNS = `id, owner_id AS ownerId, title, starts_at AS startsAt, location, description,
	retain_until AS retainUntil, time_zone AS timeZone, created_at AS createdAt, updated_at AS updatedAt`;

export function create(db: Db, ownerId: string, input: MeetingInput): Meeting {
	const now = Date.now();
	const meeting: Meeting = {
		id: newId(),
		ownerId,
		...input,
		retainUntil: input.retainUntil ?? null,
		timeZone: input.timeZone ?? null,
		createdAt: now,
		updatedAt: now
	};
	db.prepare(
		`INSERT INTO meetings (id, owner_id, title, starts_at, location, description, retain_until, time_zone, created_at, updated_at)
		 VALUES (@id, @ownerId, @title, @startsAt, @location, @description, @retainUntil, @timeZone, @createdAt, @updatedAt)`
	).run(meeting);
	return meeting;
}

export function read(db: Db, id: string): Meeting | undefined {
	return db.prepare(`SELECT ${COLUMNS} FROM meetings WHERE id = ?`).get(id) as Meeting | undefined;
}

/** Upcoming and undated meetings first, then the past ones, newest first. */
export function listByOwner(db: Db, ownerId: string): Meeting[] {
	return db
		.prepare(
			`SELECT ${COLUMNS} FROM meetings WHERE owner_id = ?
			 ORDER BY COALESCE(starts_at, created_at) DESC`
		)
		.all(ownerId) as Meeting[];
}

export function update(db: Db, id: string, input: MeetingInput): void {
	db.prepare(
		`UPDATE meetings SET title = @title, starts_at = @startsAt, location = @location,
		 description = @description, retain_until = @retainUntil, time_zone = @timeZone, updated_at = @updatedAt
		 WHERE id = @id`
	).run({
		id,
		...input,
		retainUntil: input.retainUntil ?? null,
		timeZone: input.timeZone ?? null,
		updatedAt: Date.now()
	});
}
