/**
 * Loads a board's room on first use, keeps it while devices are connected and
 * unloads it (after a compaction) once the last one has been gone for a while.
 */
import type * as Y from 'yjs';
import type { BoardState } from '../../src/lib/board/permissions';
import { BoardRoom, type RoomEvents, type RoomStore } from './board-room';
import type { PolicyLimits } from './update-policy';

export interface RegistryOptions {
	limits: PolicyLimits & { compactAfterUpdates: number };
	unloadIdleMs: number;
	events: RoomEvents;
}

export class BoardRegistry {
	private readonly rooms = new Map<string, BoardRoom>();
	private readonly unloadTimers = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(
		private readonly store: RoomStore,
		private readonly options: RegistryOptions
	) {}

	get loadedCount(): number {
		return this.rooms.size;
	}

	get connectionCount(): number {
		let count = 0;
		for (const room of this.rooms.values()) count += room.connectionCount;
		return count;
	}

	/**
	 * The board's room, loaded from storage if needed. `state` was just read by the
	 * caller and replaces what a loaded room holds: a room loaded only to be read
	 * (an export) must not keep a lock or finish it never learnt of.
	 */
	open(boardId: string, state: BoardState): BoardRoom {
		this.cancelUnload(boardId);
		let room = this.rooms.get(boardId);
		if (!room) {
			room = new BoardRoom(boardId, state, this.store, this.options.limits, this.options.events);
			this.rooms.set(boardId, room);
		} else {
			room.setState(state);
		}
		return room;
	}

	loaded(boardId: string): BoardRoom | undefined {
		return this.rooms.get(boardId);
	}

	/** Called when a connection leaves: an empty room is unloaded after a grace period (a reload comes right back). */
	released(boardId: string): void {
		const room = this.rooms.get(boardId);
		if (!room || room.connectionCount > 0) return;
		this.cancelUnload(boardId);
		const timer = setTimeout(() => this.unload(boardId), this.options.unloadIdleMs);
		timer.unref();
		this.unloadTimers.set(boardId, timer);
	}

	/** Runs `read` over the board's document; a board no one has open is loaded just for this. */
	readDoc<T>(boardId: string, state: BoardState, read: (doc: Y.Doc) => T): T {
		const room = this.rooms.get(boardId);
		if (room) return read(room.doc);
		const temporary = this.open(boardId, state);
		try {
			return read(temporary.doc);
		} finally {
			this.released(boardId);
		}
	}

	private unload(boardId: string): void {
		this.unloadTimers.delete(boardId);
		const room = this.rooms.get(boardId);
		if (!room || room.connectionCount > 0) return;
		room.compact();
		room.destroy();
		this.rooms.delete(boardId);
	}

	private cancelUnload(boardId: string): void {
		clearTimeout(this.unloadTimers.get(boardId));
		this.unloadTimers.delete(boardId);
	}

	/** For a deleted board: closes its connections and forgets its document without storing anything more. */
	discard(boardId: string, code: number, reason: string): void {
		this.cancelUnload(boardId);
		const room = this.rooms.get(boardId);
		if (!room) return;
		this.rooms.delete(boardId);
		room.closeAll(code, reason);
		room.destroy();
	}

	/** For shutdown: closes every connection, folds every log into its snapshot and unloads. */
	closeAll(code: number, reason: string): void {
		for (const [boardId, room] of this.rooms) {
			room.closeAll(code, reason);
			room.compact();
			room.destroy();
			this.cancelUnload(boardId);
		}
		this.rooms.clear();
	}
}
