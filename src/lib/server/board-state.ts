import type { Board } from './repositories/boards';
import type { BoardStatePayload } from '../realtime/events';

/** The board state every device receives, from the page load and over socket.io alike. */
export function boardStatePayload(board: Board): BoardStatePayload {
	return {
		id: board.id,
		title: board.title,
		phase: board.phase,
		locked: board.locked,
		finished: board.finished,
		plan: board.phasePlan,
		phaseIndex: board.phaseIndex,
		phaseStartedAt: board.phaseStartedAt,
		interpretersAllowed: board.interpretersAllowed
	};
}
