/**
 * The live documents that commands read and change: the boards' rooms and the
 * participants' drafts. A change goes through the room, so it is stored and
 * broadcast like a device's.
 */
import type * as Y from 'yjs';
import type { Board } from '../../src/lib/server/repositories/boards';
import type { BoardRegistry } from '../yjs/board-registry';
import type { DraftRooms } from '../yjs/draft-rooms';

export interface LiveRooms {
	boards: BoardRegistry;
	drafts: DraftRooms;
}

export function readBoardDoc<T>(rooms: LiveRooms, board: Board, read: (doc: Y.Doc) => T): T {
	return rooms.boards.readDoc(board.id, board, read);
}

/**
 * Applies a server-side change to the board's document, loading it for the moment if no one has it open.
 * `actorId`: on whose behalf, stored with the change (undoing that person undoes it too).
 */
export function changeBoardDoc(
	rooms: LiveRooms,
	board: Board,
	apply: (doc: Y.Doc) => void,
	actorId: string | null = null
): void {
	const room = rooms.boards.open(board.id, board);
	try {
		room.change(apply, actorId);
	} finally {
		rooms.boards.released(board.id);
	}
}
