/**
 * Facilitator commands around recommendations and organisations: adding the
 * recommendation column to a board, and the organisations behind the cards
 * (for the facilitators' grouped view only).
 */
import * as v from 'valibot';
import type { AppContext } from '../../src/lib/server/context';
import * as boards from '../../src/lib/server/repositories/boards';
import * as organisations from '../../src/lib/server/repositories/organisations';
import { ensureRecommendationColumn } from '../../src/lib/board/recommendations';
import { LIMITS } from '../../src/lib/board/schema';
import { facilitatorAccess, isRefusal } from './command-guard';
import { refusal } from './command';
import { changeBoardDoc, type LiveRooms } from './live-rooms';
import type { BoardSocket } from './socket-server';

const ColumnInput = v.object({
	title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.title))
});

export function registerRecommendationCommands(
	socket: BoardSocket,
	context: AppContext,
	rooms: LiveRooms
): void {
	const boardId = socket.data.access.board.id;

	// The title comes from the facilitator's device, in the language they work in.
	socket.on('recommendations:add-column', (input, ack) => {
		if (typeof ack !== 'function') return;
		const access = facilitatorAccess(context, socket);
		if (isRefusal(access)) return ack(access);
		const parsed = v.safeParse(ColumnInput, input);
		if (!parsed.success)
			return ack(refusal('invalid_input', `A title needs 1 to ${LIMITS.title} characters.`));
		const board = boards.read(context.db, boardId);
		if (!board) return ack(refusal('not_found', 'The board no longer exists.'));
		if (board.finished) return ack(refusal('conflict', 'A finished board cannot be changed.'));
		let columnId = '';
		changeBoardDoc(rooms, board, (doc) => {
			columnId = ensureRecommendationColumn(doc, parsed.output.title);
		});
		ack({ ok: true, columnId });
	});

	socket.on('organisations:list', (_input, ack) => {
		if (typeof ack !== 'function') return;
		const access = facilitatorAccess(context, socket);
		if (isRefusal(access)) return ack(access);
		ack({ ok: true, organisations: organisations.byParticipant(context.db, boardId) });
	});
}
