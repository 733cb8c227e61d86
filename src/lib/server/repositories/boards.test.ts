import { describe, expect, it } from 'vitest';
import { testDatabase, testMeeting } from '../db/testing';
import * as boards from './boards';

describe('join codes', () => {
	it('uses an alphabet without look-alikes', () => {
		for (const lookAlike of ['0', 'O', '1', 'I', 'L'])
			expect(boards.JOIN_CODE_ALPHABET).not.toContain(lookAlike);
		expect(new Set(boards.JOIN_CODE_ALPHABET).size).toBe(boards.JOIN_CODE_ALPHABET.length);
	});

	it('generates six characters of that alphabet, differently each time', () => {
		const codes = Array.from({ length: 500 }, () => boards.generateJoinCode());
		for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/);
		expect(new Set(codes).size).toBeGreaterThan(490);
		// Over many codes, every character of the alphabet turns up.
		expect(new Set(codes.join('')).size).toBe(boards.JOIN_CODE_ALPHABET.length);
	});

	it.each([
		['abc234', 'ABC234'],
		['ABC 234', 'ABC234'],
		['abc-234', 'ABC234'],
		['  a b-c 2\t3 4 ', 'ABC234']
	])('normalises %j to %j', (input, expected) => {
		expect(boards.normaliseJoinCode(input)).toBe(expected);
	});
});

describe('boards repository', () => {
	const db = testDatabase();
	const meetingId = testMeeting(db).id;

	it('finds a board by its join code however it is typed', () => {
		const board = boards.create(db, meetingId, 'Herausforderungen', 'challenges-solutions');
		expect(board.joinCode).toMatch(/^[A-Z2-9]{6}$/);
		const typed = `${board.joinCode.slice(0, 3).toLowerCase()}-${board.joinCode.slice(3)}`;
		expect(boards.readByJoinCode(db, typed)?.id).toBe(board.id);
		expect(boards.read(db, board.id)).toEqual(board);
	});

	it('gives each board its own join code', () => {
		const codes = Array.from(
			{ length: 50 },
			() => boards.create(db, meetingId, 'B', 'challenges-solutions').joinCode
		);
		expect(new Set(codes).size).toBe(codes.length);
	});
});
