/**
 * Who may change what. The server enforces these rules on every Yjs update and
 * command; the UI asks the same functions only to decide what to offer.
 */
import { participantsWriteIn, type Phase } from './phases';

export type BoardRole = 'facilitator' | 'participant' | 'viewer';

export interface Actor {
	id: string;
	role: BoardRole;
}

export interface BoardState {
	locked: boolean;
	finished: boolean;
	/** The current step of the board's plan: it narrows what participants may do (see phases.ts). */
	phase: Phase;
	/** Whether participants may translate cards they did not write (see translations.ts); absent means no. */
	interpretersAllowed?: boolean;
}

/** Whether the actor's changes to the document are accepted at all. */
export function canWriteBoard(role: BoardRole, state: BoardState): boolean {
	if (state.finished) return false;
	if (role === 'facilitator') return true;
	return role === 'participant' && !state.locked && participantsWriteIn(state.phase);
}

/** Authors change their own cards and links; facilitators change anything. */
export function canChangeOwned(actor: Actor, ownerId: string): boolean {
	return actor.role === 'facilitator' || (actor.role === 'participant' && actor.id === ownerId);
}

/** A link may be removed by whoever made it and by the authors of either card it joins. */
export function canRemoveLink(actor: Actor, linkAuthorId: string, cardAuthorIds: readonly string[]): boolean {
	return (
		canChangeOwned(actor, linkAuthorId) || cardAuthorIds.some((authorId) => canChangeOwned(actor, authorId))
	);
}
