import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PLAN,
	PHASES,
	isPhase,
	mayAddCardIn,
	mayEditCardIn,
	mayLink,
	participantRules,
	participantsWriteIn
} from './phases';

describe('participantRules', () => {
	it('lets participants write challenges, solutions and notes and link them while collecting', () => {
		const rules = participantRules('collect');
		expect(rules.addCardsTo).toEqual(['challenge', 'solution', 'note']);
		expect(rules.editOwnCardsIn).toEqual(['challenge', 'solution', 'note']);
		expect(rules.link).toBe(true);
		expect(rules.vote).toBe(false);
	});

	it('adds no new cards while clustering, but own cards can still be corrected', () => {
		const rules = participantRules('cluster');
		expect(rules.addCardsTo).toEqual([]);
		expect(rules.editOwnCardsIn).toContain('challenge');
		expect(rules.cluster).toBe(true);
	});

	it('allows only voting (and reading along in another language) while voting', () => {
		expect(participantRules('vote')).toEqual({
			addCardsTo: [],
			editOwnCardsIn: [],
			link: false,
			cluster: false,
			vote: true,
			translate: true
		});
	});

	it('allows only the recommendation column while recommending', () => {
		const rules = participantRules('recommend');
		expect(rules.addCardsTo).toEqual(['recommendation']);
		expect(rules.editOwnCardsIn).toEqual(['recommendation']);
		expect(rules.link || rules.vote || rules.cluster).toBe(false);
	});

	it('allows nothing when done', () => {
		const rules = participantRules('done');
		expect([...rules.addCardsTo, ...rules.editOwnCardsIn]).toEqual([]);
		expect(rules.link || rules.vote || rules.cluster || rules.translate).toBe(false);
	});
});

describe('participantsWriteIn', () => {
	it.each([
		['collect', true],
		['cluster', true],
		['vote', true],
		['recommend', true],
		['done', false]
	] as const)('%s: %s', (phase, expected) => {
		expect(participantsWriteIn(phase)).toBe(expected);
	});
});

describe('plans', () => {
	it('the default plan runs collect, cluster, vote, recommend, done', () => {
		expect(DEFAULT_PLAN).toEqual(['collect', 'cluster', 'vote', 'recommend', 'done']);
	});

	it('isPhase accepts exactly the building blocks', () => {
		for (const phase of PHASES) expect(isPhase(phase)).toBe(true);
		for (const value of ['Collect', '', 'discuss', 3, null, undefined]) expect(isPhase(value)).toBe(false);
	});
});

describe('what the UI offers', () => {
	it('follows the rules for participants and never holds facilitators back', () => {
		expect(mayAddCardIn('participant', 'collect', 'challenge')).toBe(true);
		expect(mayAddCardIn('participant', 'vote', 'challenge')).toBe(false);
		expect(mayAddCardIn('participant', 'recommend', 'recommendation')).toBe(true);
		expect(mayAddCardIn('facilitator', 'vote', 'challenge')).toBe(true);
		expect(mayEditCardIn('participant', 'cluster', 'solution')).toBe(true);
		expect(mayEditCardIn('participant', 'vote', 'solution')).toBe(false);
		expect(mayLink('participant', 'recommend')).toBe(false);
		expect(mayLink('facilitator', 'done')).toBe(true);
	});

	it('offers viewers nothing', () => {
		for (const phase of PHASES) {
			expect(mayAddCardIn('viewer', phase, 'challenge')).toBe(false);
			expect(mayEditCardIn('viewer', phase, 'challenge')).toBe(false);
			expect(mayLink('viewer', phase)).toBe(false);
		}
	});
});
