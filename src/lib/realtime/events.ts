/**
 * The socket.io channel's events, typed once for the server and the browser.
 * Documented in docs/realtime.md.
 */
import type { BoardRole } from '../board/permissions';
import type { Phase } from '../board/phases';
import type { Card } from '../board/schema';
import type { VoteSettings } from '../board/voting';

export type { Phase };

/** What every device needs to know about the board beyond its content. */
export interface BoardStatePayload {
	id: string;
	title: string;
	phase: Phase;
	locked: boolean;
	finished: boolean;
	/** The board's plan and the step it is on: `phase` is `plan[phaseIndex]`. */
	plan: Phase[];
	phaseIndex: number;
	/** When the facilitator last moved to the current step; null until they first do. */
	phaseStartedAt: number | null;
	/** Participants may translate cards they did not write (facilitators turn it on with `board:interpreters`). */
	interpretersAllowed: boolean;
}

/**
 * The timer as the server holds it. `serverNow` is the server's clock when this
 * was sent, so that every device counts down to the same moment whatever its own clock says.
 */
export type TimerStatePayload = { durationMs: number; serverNow: number } & (
	{ status: 'idle' } | { status: 'running'; endsAt: number } | { status: 'paused'; remainingMs: number }
);

export interface SpotlightTarget {
	kind: 'card' | 'cluster';
	id: string;
}

/** How the room is doing, for facilitators only. */
export interface RoomHealthPayload {
	people: RoomHealthPerson[];
	/** Devices connected right now, participants and others alike. */
	connectedDevices: number;
}

export interface RoomHealthPerson {
	id: string;
	name: string | null;
	role: BoardRole;
	/** Connected now (a live socket or a live Yjs connection). */
	connected: boolean;
	/** Was connected since the server started and is not any more; when that was noticed. */
	droppedAt: number | null;
	/** Changes the person's devices last reported as not yet on the server. */
	unsent: number;
	joinedAt: number | null;
	/** Joined after the latest collect step began. */
	late: boolean;
}

export type ErrorCode =
	| 'invalid_input'
	| 'unauthenticated'
	| 'forbidden'
	| 'not_found'
	| 'rate_limited'
	| 'conflict'
	| 'internal'
	| VoteErrorCode;

/** Why a dot was not placed (see src/lib/board/voting.ts). */
export type VoteErrorCode = 'voting_closed' | 'budget_exhausted' | 'max_per_card';

/** A device's own dots, per card or cluster, and what is left of the budget it spends from. */
export interface MyVotesPayload {
	counts: Record<string, number>;
	remaining: number;
}

export type Ack<T extends object = object> =
	({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string } };

export interface ServerToClientEvents {
	/** Sent on connect and whenever the title, phase, lock or finish state changes. */
	'board:state': (state: BoardStatePayload) => void;
	/** Sent to each device once, on connect: who the server knows it as. */
	'session:welcome': (welcome: { role: BoardRole; actorId: string; actorName: string | null }) => void;
	/** Sent on connect and to everyone on the board whenever the timer changes. */
	'timer:state': (timer: TimerStatePayload) => void;
	/** Sent on connect and to everyone on the board whenever the spotlight changes. */
	'spotlight:state': (state: { spotlight: SpotlightTarget | null }) => void;
	/** Facilitators only: on connect and whenever who is here, gone or behind changes. */
	'room:health': (health: RoomHealthPayload) => void;
	/** On connect and to everyone whenever the facilitator changes the voting settings. */
	'votes:settings': (settings: VoteSettings) => void;
	/** Participants only, each their own: on connect and whenever their dots or budget change. */
	'votes:mine': (mine: MyVotesPayload) => void;
	/** Dots per card or cluster: to facilitators always, to everyone else only once revealed. */
	'votes:results': (results: { totals: Record<string, number> }) => void;
	/** On connect and to everyone whenever private writing is switched on or off. */
	'private:state': (state: { on: boolean }) => void;
	/** Facilitators only: every participant's drafts, on connect and whenever they change. */
	'private:drafts': (drafts: { cards: Card[] }) => void;
}

export interface ClientToServerEvents {
	'board:rename': (input: { title: string }, ack: (result: Ack) => void) => void;
	'board:lock': (input: { locked: boolean }, ack: (result: Ack) => void) => void;
	'board:interpreters': (input: { allowed: boolean }, ack: (result: Ack) => void) => void;
	'phase:set-plan': (input: { phases: Phase[]; index?: number }, ack: (result: Ack) => void) => void;
	'phase:go': (input: { index: number }, ack: (result: Ack) => void) => void;
	'timer:start': (input: { durationMs: number }, ack: (result: Ack) => void) => void;
	'timer:pause': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	'timer:resume': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	'timer:extend': (input: { byMs: number }, ack: (result: Ack) => void) => void;
	'timer:stop': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	'spotlight:set': (input: SpotlightTarget, ack: (result: Ack) => void) => void;
	'spotlight:clear': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	/** Any device: how many of its changes the server does not hold yet (for the facilitators' room view). */
	'device:status': (input: { unsent: number }, ack: (result: Ack) => void) => void;
	'votes:configure': (
		input: { budget: number; maxPerCard: number; perOrganisation: boolean },
		ack: (result: Ack) => void
	) => void;
	'votes:open': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	'votes:close': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	'votes:reveal': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	'votes:hide': (input: Record<string, never>, ack: (result: Ack) => void) => void;
	'vote:cast': (input: { targetId: string }, ack: (result: Ack) => void) => void;
	'vote:retract': (input: { targetId: string }, ack: (result: Ack) => void) => void;
	'card:merge': (input: { keepId: string; mergeIds: string[] }, ack: (result: Ack) => void) => void;
	'recommendations:add-column': (
		input: { title: string },
		ack: (result: Ack<{ columnId: string }>) => void
	) => void;
	/** Facilitators only: participant id → the organisation they gave, for the grouped view. */
	'organisations:list': (
		input: Record<string, never>,
		ack: (result: Ack<{ organisations: Record<string, string> }>) => void
	) => void;
	'private:set': (input: { on: boolean }, ack: (result: Ack) => void) => void;
	'private:reveal': (input: Record<string, never>, ack: (result: Ack<{ published: number }>) => void) => void;
	/** Facilitators: everyone who joined the board, removed ones too (docs/realtime.md, "Moderation"). */
	'participants:list': (
		input: Record<string, never>,
		ack: (result: Ack<{ participants: ParticipantSummary[] }>) => void
	) => void;
	/** Facilitators: removes a participant for good; their connections close at once (Yjs code 4410). */
	'participant:remove': (input: { participantId: string }, ack: (result: Ack) => void) => void;
	/** Facilitators: undoes everything the participant did on the board, restoring what they deleted. */
	'participant:undo': (
		input: { participantId: string },
		ack: (result: Ack<{ reverted: number }>) => void
	) => void;
}

/** The acknowledgement a command answers with. */
export type AckOf<E extends keyof ClientToServerEvents> = Parameters<
	Parameters<ClientToServerEvents[E]>[1]
>[0];

/** A participant as facilitators see them when moderating. */
export interface ParticipantSummary {
	id: string;
	/** Null when they joined anonymously. */
	name: string | null;
	organisation: string | null;
	role: BoardRole;
	removed: boolean;
	/** Connected right now (a live socket or Yjs connection). */
	online: boolean;
}

export interface HandshakeAuth {
	boardId: string;
}
