/**
 * The socket.io channel's events, typed once for the server and the browser.
 * Documented in docs/realtime.md.
 */
import type { BoardRole } from '../board/permissions';

export type Phase = 'collect' | 'cluster' | 'vote' | 'recommend' | 'done';

/** What every device needs to know about the board beyond its content. */
export interface BoardStatePayload {
	id: string;
	title: string;
	phase: Phase;
	locked: boolean;
	finished: boolean;
}

export type ErrorCode =
	'invalid_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'rate_limited' | 'conflict' | 'internal';

export type Ack<T extends object = object> =
	({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string } };

export interface ServerToClientEvents {
	/** Sent on connect and whenever the title, phase, lock or finish state changes. */
	'board:state': (state: BoardStatePayload) => void;
	/** Sent to each device once, on connect: who the server knows it as. */
	'session:welcome': (welcome: { role: BoardRole; actorId: string; actorName: string | null }) => void;
}

export interface ClientToServerEvents {
	'board:rename': (input: { title: string }, ack: (result: Ack) => void) => void;
	'board:lock': (input: { locked: boolean }, ack: (result: Ack) => void) => void;
}

export interface HandshakeAuth {
	boardId: string;
}
