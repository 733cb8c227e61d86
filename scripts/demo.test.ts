import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardStore } from '../src/lib/server/board-store';
import { openDatabase, type Db } from '../src/lib/server/db/open';
import { verifyPassword } from '../src/lib/server/auth/passwords';
import * as boards from '../src/lib/server/repositories/boards';
import * as meetings from '../src/lib/server/repositories/meetings';
import * as users from '../src/lib/server/repositories/users';
import { linkedCardIds, readBoard } from '../src/lib/board/read';
import { CHALLENGES, FACILITATOR, MEETING, SOLUTIONS } from './demo-content';

/** Runs `npm run demo` as a user would, and reads what it printed. */
function runDemo(dataDir: string): { output: string; password: string; joinCode: string } {
	const script = fileURLToPath(new URL('./demo.ts', import.meta.url));
	const output = execFileSync(process.execPath, ['--import', 'tsx', script], {
		env: { ...process.env, DATA_DIR: dataDir },
		encoding: 'utf8'
	});
	return {
		output,
		password: /Password\s+(\S+)/.exec(output)![1],
		joinCode: /Join code\s+(\S+)/.exec(output)![1]
	};
}

describe('npm run demo', () => {
	let dataDir: string;
	let first: ReturnType<typeof runDemo>;
	let second: ReturnType<typeof runDemo>;
	let db: Db;

	beforeAll(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wedo-demo-'));
		first = runDemo(dataDir);
		second = runDemo(dataDir);
		db = openDatabase(path.join(dataDir, 'wedo.sqlite'));
	});

	afterAll(() => {
		db?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('prints the login, the join code and path, and how to start', () => {
		expect(first.output).toContain(FACILITATOR.email);
		expect(first.output).toContain(`/join/${first.joinCode}`);
		expect(first.output).toContain('npm start');
		expect(first.joinCode).toMatch(/^[A-Z2-9]{6}$/);
	});

	it('reuses the facilitator account on a second run and gives it the new password', async () => {
		const account = users.readByEmail(db, FACILITATOR.email)!;
		expect(await verifyPassword(account.passwordHash, second.password)).toBe(true);
		expect(await verifyPassword(account.passwordHash, first.password)).toBe(false);
		expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 1 });
	});

	it('adds a second board to the same meeting on a second run', () => {
		const account = users.readByEmail(db, FACILITATOR.email)!;
		const [meeting, ...others] = meetings.listByOwner(db, account.id);
		expect(others).toEqual([]);
		expect(meeting).toMatchObject({ title: MEETING.title, location: 'Hamburg' });
		expect(boards.listByMeeting(db, meeting.id).map((board) => board.joinCode)).toEqual([
			first.joinCode,
			second.joinCode
		]);
	});

	it('stores cards and links that the server loads, each under its author', () => {
		const board = boards.readByJoinCode(db, first.joinCode)!;
		const doc = new Y.Doc();
		new BoardStore(db).load(board.id, doc);
		const content = readBoard(doc);
		const [challengeColumn, solutionColumn] = content.columns;
		expect([challengeColumn.title, solutionColumn.title]).toEqual(['Herausforderungen', 'Lösungsideen']);
		const inColumn = (columnId: string) => content.cards.filter((card) => card.columnId === columnId);
		expect(inColumn(challengeColumn.id).map((card) => card.text)).toEqual(
			CHALLENGES.map((card) => card.text)
		);
		expect(inColumn(solutionColumn.id).map((card) => card.text)).toEqual(SOLUTIONS.map((card) => card.text));
		for (const [index, solution] of inColumn(solutionColumn.id).entries()) {
			expect(linkedCardIds(content, solution.id)).toHaveLength(SOLUTIONS[index].answers.length);
		}
		for (const challenge of inColumn(challengeColumn.id)) {
			expect(linkedCardIds(content, challenge.id).length).toBeGreaterThan(0);
		}
		expect(content.cards.some((card) => card.authorName === null)).toBe(true);
		const authors = db
			.prepare('SELECT id, name FROM participants WHERE board_id = ?')
			.all(board.id) as Array<{ id: string; name: string | null }>;
		for (const card of content.cards) {
			expect(authors).toContainEqual({ id: card.authorId, name: card.authorName });
		}
	});
});
