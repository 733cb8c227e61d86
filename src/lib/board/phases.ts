/**
 * A board's plan: phases as building blocks in any order, each repeatable, and
 * what each phase lets participants do. The one definition of these rules: the
 * server enforces them on Yjs updates and on commands, the UI asks them only to
 * decide what to offer. Facilitators are not bound by phases.
 */
import type { ColumnKind } from './schema';
import type { BoardRole } from './permissions';

export const PHASES = ['collect', 'cluster', 'vote', 'recommend', 'done'] as const;
export type Phase = (typeof PHASES)[number];

/** The plan of a new board. */
export const DEFAULT_PLAN: readonly Phase[] = ['collect', 'cluster', 'vote', 'recommend', 'done'];

/** Longer plans are a mistake, not a workshop. */
export const MAX_PLAN_STEPS = 20;

/** What a participant may do while the board is in a phase. */
export interface ParticipantRules {
	/** Kinds of column a participant may add cards to. */
	addCardsTo: readonly ColumnKind[];
	/** Kinds of column in which a participant may edit, move or delete their own cards. */
	editOwnCardsIn: readonly ColumnKind[];
	/** Link solutions to challenges and remove their own links. */
	link: boolean;
	/** Sort cards into clusters. */
	cluster: boolean;
	/** Place and take back dots. */
	vote: boolean;
	/** Translate cards (see translations.ts for whose): reading along is never out of phase. */
	translate: boolean;
}

const WRITING: readonly ColumnKind[] = ['challenge', 'solution', 'note'];
const NOTHING: ParticipantRules = {
	addCardsTo: [],
	editOwnCardsIn: [],
	link: false,
	cluster: false,
	vote: false,
	translate: false
};

const RULES: Record<Phase, ParticipantRules> = {
	collect: { ...NOTHING, addCardsTo: WRITING, editOwnCardsIn: WRITING, link: true, translate: true },
	// Typos may still be fixed while the room sorts, but nothing new joins the pile.
	cluster: { ...NOTHING, editOwnCardsIn: WRITING, link: true, cluster: true, translate: true },
	// The cards stand still while people weigh them.
	vote: { ...NOTHING, vote: true, translate: true },
	recommend: {
		...NOTHING,
		addCardsTo: ['recommendation'],
		editOwnCardsIn: ['recommendation'],
		translate: true
	},
	done: NOTHING
};

export function participantRules(phase: Phase): ParticipantRules {
	return RULES[phase];
}

/**
 * Whether a participant may change the document at all in this phase. When not,
 * their connection is read-only (updates are dropped, as on a locked board).
 */
export function participantsWriteIn(phase: Phase): boolean {
	const rules = RULES[phase];
	return (
		rules.addCardsTo.length > 0 ||
		rules.editOwnCardsIn.length > 0 ||
		rules.link ||
		rules.cluster ||
		rules.translate
	);
}

export function isPhase(value: unknown): value is Phase {
	return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

/*
 * For the UI, which offers only what the server will accept. They assume the
 * board is writable at all (canWriteBoard); facilitators are never held back by a phase.
 */

export function mayAddCardIn(role: BoardRole, phase: Phase, kind: ColumnKind): boolean {
	return role === 'facilitator' || (role === 'participant' && RULES[phase].addCardsTo.includes(kind));
}

/** Edit, move or delete a card (a participant's own) in a column of this kind. */
export function mayEditCardIn(role: BoardRole, phase: Phase, kind: ColumnKind): boolean {
	return role === 'facilitator' || (role === 'participant' && RULES[phase].editOwnCardsIn.includes(kind));
}

export function mayLink(role: BoardRole, phase: Phase): boolean {
	return role === 'facilitator' || (role === 'participant' && RULES[phase].link);
}
