/**
 * Fixtures for tests against a real database: a SQLite file in a temporary
 * folder, opened and migrated like the server's, and the rows most others hang on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { newId } from '../../board/ids';
import { openDatabase, type Db } from './open';
import * as meetings from '../repositories/meetings';
import * as users from '../repositories/users';

/** A fresh database for the tests of one file (or `describe` block); closed and removed after the last of them. */
export function testDatabase(): Db {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wedo-db-'));
	const db = openDatabase(path.join(dir, 'wedo.sqlite'));
	afterAll(() => {
		db.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});
	return db;
}

/** A facilitator's account (its password is never checked here). */
export function testUser(db: Db, name = 'Fatma'): users.User {
	return users.create(db, { email: `${newId()}@example.org`, name, passwordHash: 'x' })!;
}

/** A meeting for boards to belong to (the foreign keys are on); a new facilitator's unless `ownerId` is given. */
export function testMeeting(
	db: Db,
	input: Partial<meetings.MeetingInput> & { ownerId?: string } = {}
): meetings.Meeting {
	const { ownerId = testUser(db).id, ...fields } = input;
	return meetings.create(db, ownerId, {
		title: 'Auftakt',
		startsAt: null,
		location: null,
		description: null,
		...fields
	});
}
