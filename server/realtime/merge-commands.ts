/**
 * Merging duplicate cards: a facilitator's decision, carried out on the live
 * document (stored and broadcast as the server's change) and on the votes.
 */
import * as v from 'valibot';
import type { AppContext } from '../../src/lib/server/context';
import * as boards from '../../src/lib/server/repositories/boards';
import * as votes from '../../src/lib/server/repositories/votes';
import { mergeCards, type MergeRefusal, type MergeResult } from '../../src/lib/board/merge';
import { facilitatorAccess, isRefusal, type Refusal } from './command-guard';
import { refusal } from './command';
import { changeBoardDoc, type LiveRooms } from './live-rooms';
import type { BoardSocket } from './socket-server';
import { publishVotes } from './voting-commands';

const CardId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const MergeInput = v.object({
	keepId: CardId,
	mergeIds: v.pipe(v.array(CardId), v.minLength(1), v.maxLength(100))
});

const MERGE_REFUSALS: Record<MergeRefusal, Refusal> = {
	not_found: refusal('not_found', 'One of these cards no longer exists.'),
	different_kind: refusal('conflict', 'Only cards of the same kind (e.g. two challenges) can be merged.'),
	invalid: refusal('invalid_input', 'Name the card to keep and at least one other card to merge into it.')
};

export function registerMergeCommands(socket: BoardSocket, context: AppContext, rooms: LiveRooms): void {
	const boardId = socket.data.access.board.id;

	socket.on('card:merge', (input, ack) => {
		if (typeof ack !== 'function') return;
		const access = facilitatorAccess(context, socket);
		if (isRefusal(access)) return ack(access);
		const parsed = v.safeParse(MergeInput, input);
		if (!parsed.success) return ack(MERGE_REFUSALS.invalid);
		const board = boards.read(context.db, boardId);
		if (!board) return ack(refusal('not_found', 'The board no longer exists.'));
		if (board.finished) return ack(refusal('conflict', 'A finished board cannot be changed.'));
		const { keepId, mergeIds } = parsed.output;
		let result: MergeResult = { ok: false, reason: 'invalid' };
		changeBoardDoc(rooms, board, (doc) => {
			result = mergeCards(doc, { keepId, mergeIds, maxTextLength: context.config.limits.maxCardText });
		});
		if (!result.ok) return ack(MERGE_REFUSALS[result.reason]);
		votes.moveVotes(context.db, boardId, mergeIds, keepId);
		void publishVotes(socket.nsp, context, rooms, boardId);
		ack({ ok: true });
	});
}
