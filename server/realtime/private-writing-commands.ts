/**
 * Private writing: while it is on, participants write into their own drafts
 * document (server/yjs/draft-rooms.ts). Facilitators see every draft through
 * `private:drafts`; everyone else sees nothing of them until the reveal copies
 * them into the board.
 */
import * as v from 'valibot';
import type { AppContext } from '../../src/lib/server/context';
import * as boards from '../../src/lib/server/repositories/boards';
import type { Board } from '../../src/lib/server/repositories/boards';
import * as privateWriting from '../../src/lib/server/repositories/private-writing';
import { facilitatorAccess, isRefusal } from './command-guard';
import { refusal } from './command';
import { changeBoardDoc, type LiveRooms } from './live-rooms';
import { roomOf, type BoardIo, type BoardSocket } from './socket-server';

const SetInput = v.object({ on: v.boolean() });
/** Typing changes drafts many times a second; facilitators get the picture a few times a second. */
const DRAFTS_THROTTLE_MS = 250;

export function facilitatorsRoomOf(boardId: string): string {
	return `${roomOf(boardId)}:facilitators`;
}

/** Copies every draft into the board and clears the drafts; answers how many cards it published. */
function publishDrafts(rooms: LiveRooms, board: Board): number {
	// Published in each author's name, so that undoing a participant also takes back their private cards.
	return rooms.drafts.publish(board.id, board, (apply, authorId) =>
		changeBoardDoc(rooms, board, apply, authorId)
	);
}

/**
 * Keeps facilitators' view of the drafts current. A draft that arrives while
 * private writing is off (written offline before the reveal) is published at once:
 * nothing stays hidden after the facilitator revealed.
 */
export function watchDrafts(io: BoardIo, context: AppContext, rooms: LiveRooms): void {
	const pending = new Map<string, ReturnType<typeof setTimeout>>();
	rooms.drafts.onDeviceChange((boardId) => {
		if (pending.has(boardId)) return;
		const timer = setTimeout(() => {
			pending.delete(boardId);
			const board = boards.read(context.db, boardId);
			if (!board) return;
			if (!privateWriting.isOn(context.db, boardId)) publishDrafts(rooms, board);
			sendDrafts(io, rooms, board);
		}, DRAFTS_THROTTLE_MS);
		timer.unref();
		pending.set(boardId, timer);
	});
}

function sendDrafts(io: BoardIo, rooms: LiveRooms, board: Board): void {
	io.to(facilitatorsRoomOf(board.id)).emit('private:drafts', { cards: rooms.drafts.cards(board.id, board) });
}

export function registerPrivateWritingCommands(
	socket: BoardSocket,
	io: BoardIo,
	context: AppContext,
	rooms: LiveRooms
): void {
	const { board, role } = socket.data.access;
	const boardId = board.id;
	socket.emit('private:state', { on: privateWriting.isOn(context.db, boardId) });
	if (role === 'facilitator') {
		void socket.join(facilitatorsRoomOf(boardId));
		socket.emit('private:drafts', { cards: rooms.drafts.cards(boardId, board) });
	}

	/** Ends private writing: every draft goes onto the board for all to see. */
	function reveal(current: Board): number {
		privateWriting.setOn(context.db, boardId, false);
		const published = publishDrafts(rooms, current);
		io.to(roomOf(boardId)).emit('private:state', { on: false });
		sendDrafts(io, rooms, current);
		return published;
	}

	socket.on('private:set', (input, ack) => {
		if (typeof ack !== 'function') return;
		const access = facilitatorAccess(context, socket);
		if (isRefusal(access)) return ack(access);
		const parsed = v.safeParse(SetInput, input);
		if (!parsed.success) return ack(refusal('invalid_input', '"on" must be true or false.'));
		const current = boards.read(context.db, boardId);
		if (!current) return ack(refusal('not_found', 'The board no longer exists.'));
		if (!parsed.output.on) {
			reveal(current);
			return ack({ ok: true });
		}
		privateWriting.setOn(context.db, boardId, true);
		io.to(roomOf(boardId)).emit('private:state', { on: true });
		ack({ ok: true });
	});

	socket.on('private:reveal', (_input, ack) => {
		if (typeof ack !== 'function') return;
		const access = facilitatorAccess(context, socket);
		if (isRefusal(access)) return ack(access);
		const current = boards.read(context.db, boardId);
		if (!current) return ack(refusal('not_found', 'The board no longer exists.'));
		ack({ ok: true, published: reveal(current) });
	});
}
