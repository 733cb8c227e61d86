import { describe, expect, it } from 'vitest';
import { checkCast, DEFAULT_VOTE_SETTINGS, mayVote, organisationKey, remainingDots } from './voting';

const open = { ...DEFAULT_VOTE_SETTINGS, open: true, budget: 3, maxPerCard: 2 };

describe('checkCast', () => {
	it('accepts a dot within budget and maximum per card', () => {
		expect(checkCast(open, 0, 0)).toBeNull();
		expect(checkCast(open, 2, 1)).toBeNull();
	});

	it('refuses when voting is closed', () => {
		expect(checkCast({ ...open, open: false }, 0, 0)).toBe('voting_closed');
	});

	it('refuses when the budget is spent, before the maximum per card', () => {
		expect(checkCast(open, 3, 0)).toBe('budget_exhausted');
		expect(checkCast(open, 3, 2)).toBe('budget_exhausted');
	});

	it('refuses a dot over the maximum per card', () => {
		expect(checkCast(open, 2, 2)).toBe('max_per_card');
	});
});

describe('remainingDots', () => {
	it('never goes below zero, e.g. after the budget was lowered', () => {
		expect(remainingDots(open, 1)).toBe(2);
		expect(remainingDots(open, 5)).toBe(0);
	});
});

describe('mayVote', () => {
	it('lets participants vote only while voting is open in the vote phase', () => {
		expect(mayVote('participant', 'vote', open)).toBe(true);
		expect(mayVote('participant', 'collect', open)).toBe(false);
		expect(mayVote('participant', 'vote', { ...open, open: false })).toBe(false);
	});

	it('never lets facilitators or viewers vote: facilitators steer, viewers watch', () => {
		expect(mayVote('facilitator', 'vote', open)).toBe(false);
		expect(mayVote('viewer', 'vote', open)).toBe(false);
	});
});

describe('organisationKey', () => {
	it('folds case and spacing so that one organisation shares one budget', () => {
		expect(organisationKey(' Kulturverein  e.V. ')).toBe(organisationKey('kulturverein e.v.'));
		expect(organisationKey('Kulturverein')).not.toBe(organisationKey('Sportverein'));
	});

	it('has no key for no organisation: such people vote on their own budget', () => {
		expect(organisationKey(null)).toBeNull();
		expect(organisationKey('   ')).toBeNull();
	});
});
