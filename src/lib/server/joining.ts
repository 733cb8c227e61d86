import type { AppContext } from './context';
import * as boards from './repositories/boards';
import * as participants from './repositories/participants';
import { generateToken, hashToken } from './auth/tokens';

export type JoinResult =
	| { ok: true; board: boards.Board; participant: participants.Participant; deviceToken: string }
	| { ok: false; code: 'not_found' | 'rate_limited' | 'forbidden' };

/**
 * Joins the board behind a code. The device keeps its token across boards, so
 * the same device on the same board is always the same participant.
 */
export function joinBoard(
	context: AppContext,
	input: { code: string; name: string | null; organisation: string | null },
	device: { token: string | undefined; address: string }
): JoinResult {
	const limiter = context.limiters.failuresPerAddress;
	if (limiter.isBlocked(device.address)) return { ok: false, code: 'rate_limited' };
	const board = boards.readByJoinCode(context.db, input.code);
	if (!board) {
		limiter.recordFailure(device.address);
		return { ok: false, code: 'not_found' };
	}
	const deviceToken = device.token ?? generateToken();
	const deviceHash = hashToken(deviceToken);
	const existing = participants.readOnBoard(context.db, deviceHash, board.id);
	if (existing?.removed) return { ok: false, code: 'forbidden' };
	const participant = participants.join(context.db, {
		boardId: board.id,
		deviceHash,
		name: input.name,
		organisation: input.organisation,
		role: board.finished ? 'viewer' : 'participant'
	});
	return { ok: true, board, participant, deviceToken };
}
