import { describe, expect, it } from 'vitest';
import { testDatabase, testMeeting } from '../db/testing';
import * as boards from './boards';
import * as participants from './participants';
import * as votes from './votes';
import type { VoteSettings } from '../../board/voting';

const db = testDatabase();
const meetingId = testMeeting(db).id;

function boardWithVoting(settings: Partial<VoteSettings> = {}) {
	const board = boards.create(db, meetingId, 'B', 'challenges-solutions');
	votes.saveSettings(db, board.id, {
		open: true,
		budget: 3,
		maxPerCard: 2,
		perOrganisation: false,
		revealed: false,
		...settings
	});
	const person = (name: string, organisation: string | null) =>
		participants.join(db, { boardId: board.id, deviceHash: name, name, organisation, role: 'participant' })
			.id;
	return { boardId: board.id, person };
}

const live = new Set(['a', 'b', 'c']);

describe('votes repository', () => {
	it('reads default settings for a board that never configured voting', () => {
		const board = boards.create(db, meetingId, 'B', 'challenges-solutions');
		expect(votes.readSettings(db, board.id)).toMatchObject({ open: false, revealed: false });
	});

	it('enforces the budget and the maximum per card', () => {
		const { boardId, person } = boardWithVoting();
		const amira = person('amira', null);
		const cast = (targetId: string) =>
			votes.cast(db, { boardId, voterId: amira, targetId, liveTargets: live });
		expect(cast('a')).toEqual({ ok: true });
		expect(cast('a')).toEqual({ ok: true });
		expect(cast('a')).toEqual({ ok: false, reason: 'max_per_card' });
		expect(cast('b')).toEqual({ ok: true });
		expect(cast('c')).toEqual({ ok: false, reason: 'budget_exhausted' });
		expect(votes.dotsOf(db, boardId, amira, votes.readSettings(db, boardId), live)).toEqual({
			counts: { a: 2, b: 1 },
			remaining: 0
		});
	});

	it('frees dots placed on cards that no longer exist', () => {
		const { boardId, person } = boardWithVoting();
		const amira = person('amira2', null);
		for (const targetId of ['a', 'b', 'c'])
			votes.cast(db, { boardId, voterId: amira, targetId, liveTargets: live });
		const withoutC = new Set(['a', 'b']);
		expect(votes.cast(db, { boardId, voterId: amira, targetId: 'a', liveTargets: withoutC })).toEqual({
			ok: true
		});
		expect(votes.totals(db, boardId, withoutC)).toEqual({ a: 2, b: 1 });
	});

	it('per organisation, people of one organisation share one budget, however they typed its name', () => {
		const { boardId, person } = boardWithVoting({ perOrganisation: true });
		const one = person('o1', 'Kulturverein');
		const two = person('o2', ' kulturverein ');
		const alone = person('o3', null);
		expect(votes.cast(db, { boardId, voterId: one, targetId: 'a', liveTargets: live }).ok).toBe(true);
		expect(votes.cast(db, { boardId, voterId: two, targetId: 'a', liveTargets: live }).ok).toBe(true);
		expect(votes.cast(db, { boardId, voterId: two, targetId: 'a', liveTargets: live })).toEqual({
			ok: false,
			reason: 'max_per_card'
		});
		expect(votes.cast(db, { boardId, voterId: one, targetId: 'b', liveTargets: live }).ok).toBe(true);
		expect(votes.cast(db, { boardId, voterId: two, targetId: 'c', liveTargets: live })).toEqual({
			ok: false,
			reason: 'budget_exhausted'
		});
		expect(votes.dotsOf(db, boardId, two, votes.readSettings(db, boardId), live)).toEqual({
			counts: { a: 1 },
			remaining: 0
		});
		expect(votes.cast(db, { boardId, voterId: alone, targetId: 'c', liveTargets: live }).ok).toBe(true);
	});

	it('retracts only own dots, one at a time', () => {
		const { boardId, person } = boardWithVoting();
		const amira = person('r1', null);
		const bruno = person('r2', null);
		votes.cast(db, { boardId, voterId: amira, targetId: 'a', liveTargets: live });
		votes.cast(db, { boardId, voterId: amira, targetId: 'a', liveTargets: live });
		expect(votes.retract(db, boardId, bruno, 'a')).toBe(false);
		expect(votes.retract(db, boardId, amira, 'a')).toBe(true);
		expect(votes.totals(db, boardId, live)).toEqual({ a: 1 });
		expect(votes.retract(db, boardId, amira, 'a')).toBe(true);
		expect(votes.retract(db, boardId, amira, 'a')).toBe(false);
		expect(votes.totals(db, boardId, live)).toEqual({});
	});

	it('moves dots of merged cards onto the kept card, adding up per voter', () => {
		const { boardId, person } = boardWithVoting({ budget: 10 });
		const amira = person('m1', null);
		const bruno = person('m2', null);
		for (const [voterId, targetId] of [
			[amira, 'a'],
			[amira, 'b'],
			[amira, 'c'],
			[bruno, 'b']
		]) {
			votes.cast(db, { boardId, voterId, targetId, liveTargets: live });
		}
		votes.moveVotes(db, boardId, ['b', 'c'], 'a');
		expect(votes.totals(db, boardId, live)).toEqual({ a: 4 });
		expect(votes.dotsOf(db, boardId, amira, votes.readSettings(db, boardId), live).counts).toEqual({ a: 3 });
	});
});
