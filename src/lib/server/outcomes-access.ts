/**
 * Who may see an outcome: whoever may see its board (its facilitator, and the
 * devices that joined it, as long as they were not removed), and anyone holding
 * a share link that was not revoked. Only the facilitator manages it.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Db } from './db/open';
import { resolveBoardAccess, type BoardAccess, type Identity } from './access';
import * as outcomes from './repositories/outcomes';
import * as shares from './repositories/outcome-shares';
import { appContext } from './context';
import { apiErrorFor } from './http';

export interface OutcomeAccess {
	outcome: outcomes.OutcomeRow;
	board: BoardAccess['board'];
	role: BoardAccess['role'];
}

export type OutcomeAccessResult =
	{ ok: true; access: OutcomeAccess } | { ok: false; reason: 'not_found' | 'unauthenticated' | 'forbidden' };

export function resolveOutcomeAccess(db: Db, identity: Identity, outcomeId: string): OutcomeAccessResult {
	if (!identity.user && !identity.deviceHash) return { ok: false, reason: 'unauthenticated' };
	const outcome = outcomes.read(db, outcomeId);
	if (!outcome) return { ok: false, reason: 'not_found' };
	const board = resolveBoardAccess(db, identity, outcome.boardId);
	if (!board.ok) return { ok: false, reason: board.reason };
	return { ok: true, access: { outcome, board: board.access.board, role: board.access.role } };
}

/** For the JSON API: the outcome, or the contract's 401 / 403 / 404. `manage` asks for its facilitator. */
export function requireOutcome(
	event: Pick<RequestEvent, 'locals'>,
	outcomeId: string,
	options: { manage?: boolean } = {}
): OutcomeAccess | Response {
	const result = resolveOutcomeAccess(
		appContext().db,
		{ user: event.locals.user, deviceHash: event.locals.deviceHash },
		outcomeId
	);
	if (!result.ok) return apiErrorFor(result.reason);
	if (options.manage && result.access.role !== 'facilitator') return apiErrorFor('forbidden');
	return result.access;
}

export type ShareResult =
	| { ok: true; outcome: outcomes.OutcomeRow; share: shares.Share }
	| { ok: false; reason: 'not_found' | 'revoked' };

/** The outcome behind a share link; a revoked link is told apart from one that never existed. */
export function resolveShare(db: Db, token: string): ShareResult {
	const share = shares.readByToken(db, token);
	if (!share) return { ok: false, reason: 'not_found' };
	if (share.revokedAt !== null) return { ok: false, reason: 'revoked' };
	const outcome = outcomes.read(db, share.outcomeId);
	if (!outcome) return { ok: false, reason: 'not_found' };
	return { ok: true, outcome, share };
}
