/**
 * What every live-facilitation command does first: find out who is asking now
 * (not at the handshake: a participant may have been removed since) and answer
 * refusals in one shape.
 */
import * as v from 'valibot';
import type { AppContext } from '../../src/lib/server/context';
import { identityFromCookieHeader, resolveBoardAccess, type BoardAccess } from '../../src/lib/server/access';
import type { Ack } from '../../src/lib/realtime/events';
import { refusal } from './command';
import type { BoardSocket } from './socket-server';

export type Refusal = Ack & { ok: false };

export const FORBIDDEN = refusal('forbidden', 'You may not do this on this board.') as Refusal;
export const ONLY_FACILITATORS = refusal('forbidden', 'Only facilitators may do this.') as Refusal;

/**
 * The sender's access as it stands now, from the cookie of its handshake: a
 * participant removed, or a co-facilitator whose link was revoked, after
 * connecting has none.
 */
export function currentAccess(context: AppContext, socket: BoardSocket): BoardAccess | null {
	const identity = identityFromCookieHeader(context.db, socket.handshake.headers.cookie);
	const result = resolveBoardAccess(context.db, identity, socket.data.access.board.id);
	if (!result.ok || result.access.actorId !== socket.data.access.actorId) return null;
	return result.access;
}

/** The current access of a facilitator, or the refusal to answer with. */
export function facilitatorAccess(context: AppContext, socket: BoardSocket): BoardAccess | Refusal {
	const access = currentAccess(context, socket);
	if (!access) return FORBIDDEN;
	return access.role === 'facilitator' ? access : ONLY_FACILITATORS;
}

export function isRefusal(value: unknown): value is Refusal {
	return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/**
 * A command only facilitators (owner and co-facilitators) may send: the sender's
 * role as it stands now first, then the input (valibot), then the work; every
 * outcome answers through the acknowledgement.
 */
export function facilitatorCommand<TSchema extends v.GenericSchema, TResult extends object>(
	context: AppContext,
	socket: BoardSocket,
	schema: TSchema,
	invalidMessage: string,
	run: (input: v.InferOutput<TSchema>, facilitatorId: string) => Ack<TResult>
): (input: unknown, ack: unknown) => void {
	return (input, ack) => {
		if (typeof ack !== 'function') return;
		const access = facilitatorAccess(context, socket);
		if (isRefusal(access)) return ack(access);
		const parsed = v.safeParse(schema, input);
		if (!parsed.success) return ack(refusal('invalid_input', invalidMessage));
		ack(run(parsed.output, access.actorId));
	};
}
