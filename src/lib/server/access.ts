import type { Db } from './db/open';
import { validateSessionToken, SESSION_COOKIE, type SessionUser } from './auth/sessions';
import { hashToken } from './auth/tokens';
import { readCookie } from './cookies';
import * as boards from './repositories/boards';
import * as meetings from './repositories/meetings';
import * as participants from './repositories/participants';
import * as shareLinks from './repositories/share-links';
import type { Board } from './repositories/boards';
import type { BoardRole } from '../board/permissions';

export const DEVICE_COOKIE = 'wedo_device';

/** Who is asking: a signed-in facilitator, a device that joined boards, both, or nobody. */
export interface Identity {
	user: SessionUser | null;
	deviceHash: string | null;
}

export interface BoardAccess {
	board: Board;
	role: BoardRole;
	actorId: string;
	actorName: string | null;
	/** The facilitator who owns the board's meeting (co-facilitators have the same role, not this). */
	owner: boolean;
}

export function identityFromCookieHeader(db: Db, header: string | undefined): Identity {
	const sessionToken = readCookie(header, SESSION_COOKIE);
	const deviceToken = readCookie(header, DEVICE_COOKIE);
	return {
		user: sessionToken ? (validateSessionToken(db, sessionToken)?.user ?? null) : null,
		deviceHash: deviceToken ? hashToken(deviceToken) : null
	};
}

/**
 * The one place that decides who may see a board and in which role: the meeting's
 * owner and co-facilitators (through a standing link) facilitate; a device that
 * joined takes part (or watches, on a finished board); a device admitted by a
 * standing viewer link watches. A signed-in user's role wins over the device's.
 */
export function boardAccess(db: Db, identity: Identity, board: Board): BoardAccess | null {
	if (identity.user) {
		const { id, name } = identity.user;
		const owner = meetings.read(db, board.meetingId)?.ownerId === id;
		if (owner || shareLinks.isCofacilitator(db, id, board.id)) {
			return { board, role: 'facilitator', actorId: id, actorName: name, owner };
		}
	}
	if (identity.deviceHash) {
		const participant = participants.readOnBoard(db, identity.deviceHash, board.id);
		// A removed participant stays out, whatever link they open.
		if (participant?.removed) return null;
		if (participant) {
			return {
				board,
				role: participant.role,
				actorId: participant.id,
				actorName: participant.name,
				owner: false
			};
		}
		const viewerId = shareLinks.viewerOn(db, identity.deviceHash, board.id);
		if (viewerId) return { board, role: 'viewer', actorId: viewerId, actorName: null, owner: false };
	}
	return null;
}

export type BoardAccessResult =
	{ ok: true; access: BoardAccess } | { ok: false; reason: 'not_found' | 'unauthenticated' | 'forbidden' };

export function resolveBoardAccess(db: Db, identity: Identity, boardId: string): BoardAccessResult {
	if (!identity.user && !identity.deviceHash) return { ok: false, reason: 'unauthenticated' };
	const board = boards.read(db, boardId);
	if (!board) return { ok: false, reason: 'not_found' };
	const access = boardAccess(db, identity, board);
	return access ? { ok: true, access } : { ok: false, reason: 'forbidden' };
}
