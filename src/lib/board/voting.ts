/**
 * Dot voting's rules: who may place a dot and how many. Votes live on the
 * server (SQLite), not in the document; the server applies these rules inside
 * one transaction, the UI asks them only to decide what to offer.
 */
import type { BoardRole } from './permissions';
import { participantRules, type Phase } from './phases';

export interface VoteSettings {
	/** Participants may place and take back dots. */
	open: boolean;
	/** Dots per budget holder (a person, or an organisation when `perOrganisation`). */
	budget: number;
	/** Most dots one budget holder may place on one card or cluster. */
	maxPerCard: number;
	/** "One association, one voice": people of the same organisation share one budget. */
	perOrganisation: boolean;
	/** Everyone sees the totals; before that only facilitators do. */
	revealed: boolean;
}

export const DEFAULT_VOTE_SETTINGS: VoteSettings = {
	open: false,
	budget: 5,
	maxPerCard: 3,
	perOrganisation: false,
	revealed: false
};

/** The range a facilitator may choose from, for budget and maximum per card alike. */
export const VOTE_RANGE = { min: 1, max: 50 } as const;

export type CastRefusal = 'voting_closed' | 'budget_exhausted' | 'max_per_card';

/** Whether this role may place dots at all now: participants, while voting is open and the phase allows it. */
export function mayVote(role: BoardRole, phase: Phase, settings: VoteSettings): boolean {
	return role === 'participant' && settings.open && participantRules(phase).vote;
}

/**
 * Whether one more dot fits: `used` is what the budget holder has placed on
 * cards and clusters that still exist, `onTarget` what it has placed on this one.
 */
export function checkCast(settings: VoteSettings, used: number, onTarget: number): CastRefusal | null {
	if (!settings.open) return 'voting_closed';
	if (used >= settings.budget) return 'budget_exhausted';
	if (onTarget >= settings.maxPerCard) return 'max_per_card';
	return null;
}

export function remainingDots(settings: VoteSettings, used: number): number {
	return Math.max(0, settings.budget - used);
}

/**
 * The key under which an organisation's people share a budget: the name as
 * typed varies ("Kulturverein e.V.", "kulturverein e.v. "), the organisation does not.
 */
export function organisationKey(name: string | null | undefined): string | null {
	const key = (name ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
	return key === '' ? null : key;
}
