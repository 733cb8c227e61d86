import * as v from 'valibot';
import type { AppContext } from '../../src/lib/server/context';
import * as boards from '../../src/lib/server/repositories/boards';
import type { Board } from '../../src/lib/server/repositories/boards';
import type { Ack } from '../../src/lib/realtime/events';
import type { BoardSocket } from './socket-server';

const RenameInput = v.object({ title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)) });
const LockInput = v.object({ locked: v.boolean() });
const InterpretersInput = v.object({ allowed: v.boolean() });

const forbidden: Ack = { ok: false, error: { code: 'forbidden', message: 'Only facilitators may do this.' } };
const invalid = (message: string): Ack => ({ ok: false, error: { code: 'invalid_input', message } });

/** Facilitator commands on the board itself. Each checks the role first, then the input. */
export function registerBoardCommands(
	socket: BoardSocket,
	context: AppContext,
	onBoardChanged: (board: Board) => void
): void {
	const boardId = socket.data.access.board.id;
	const isFacilitator = () => socket.data.access.role === 'facilitator';

	function current(): Board | undefined {
		return boards.read(context.db, boardId);
	}

	socket.on('board:rename', (input, ack) => {
		if (typeof ack !== 'function') return;
		if (!isFacilitator()) return ack(forbidden);
		const parsed = v.safeParse(RenameInput, input);
		if (!parsed.success) return ack(invalid('A title needs 1 to 200 characters.'));
		boards.rename(context.db, boardId, parsed.output.title);
		const board = current();
		if (board) onBoardChanged(board);
		ack({ ok: true });
	});

	socket.on('board:lock', (input, ack) => {
		if (typeof ack !== 'function') return;
		if (!isFacilitator()) return ack(forbidden);
		const parsed = v.safeParse(LockInput, input);
		if (!parsed.success) return ack(invalid('"locked" must be true or false.'));
		const board = current();
		if (!board)
			return ack({ ok: false, error: { code: 'not_found', message: 'The board no longer exists.' } });
		if (board.finished) {
			return ack({ ok: false, error: { code: 'conflict', message: 'A finished board cannot be unlocked.' } });
		}
		boards.setLocked(context.db, boardId, parsed.output.locked);
		onBoardChanged(current()!);
		ack({ ok: true });
	});

	// Lets participants translate cards they did not write; the Yjs update policy reads it from the room's state.
	socket.on('board:interpreters', (input, ack) => {
		if (typeof ack !== 'function') return;
		if (!isFacilitator()) return ack(forbidden);
		const parsed = v.safeParse(InterpretersInput, input);
		if (!parsed.success) return ack(invalid('"allowed" must be true or false.'));
		boards.setInterpretersAllowed(context.db, boardId, parsed.output.allowed);
		const board = current();
		if (board) onBoardChanged(board);
		ack({ ok: true });
	});
}
