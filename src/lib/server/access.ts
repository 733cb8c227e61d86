import type { Db } from './db/open';
import { validateSessionToken, SESSION_COOKIE, type SessionUser } from './auth/sessions';
import { hashToken } from './auth/tokens';
import { readCookie } from './cookies';
import * as boards from './repositories/boards';
import * as meetings from './repositories/meetings';
import * as participants from './repositories/participants';
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
}

export function identityFromCookieHeader(db: Db, header: string | undefined): Identity {
	const sessionToken = readCookie(header, SESSION_COOKIE);
	const deviceToken = readCookie(header, DEVICE_COOKIE);
	return {
		user: sessionToken ? (validateSessionToken(db, sessionToken)?.user ?? null) : null,
		deviceHash: deviceToken ? hashToken(deviceToken) : null
	};
}

/** The one place that decides who may see a board and in which role. */
export function boardAccess(db: Db, identity: Identity, board: Board): BoardAccess | null {
	if (identity.user) {
		const meeting = meetings.read(db, board.meetingId);
		if (meeting?.ownerId === identity.user.id) {
			return { board, role: 'facilitator', actorId: identity.user.id, actorName: identity.user.name };
		}
	}
	if (identity.deviceHash) {
		const participant = participants.readOnBoard(db, identity.deviceHash, board.id);
		if (participant && !participant.removed) {
			return { board, role: participant.role, actorId: participant.id, actorName: participant.name };
		}
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
