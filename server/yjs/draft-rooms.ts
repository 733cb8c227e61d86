/**
 * Private writing: each participant's drafts are a Yjs document of their own
 * (`/yjs/<boardId>~drafts~<participantId>`), which only they and the board's
 * facilitators may open, so hidden cards never reach anyone else's device. At
 * reveal the server copies the drafts into the board and clears them.
 */
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/open';
import type { BoardAccess } from '../../src/lib/server/access';
import type { BoardState } from '../../src/lib/board/permissions';
import type { Card, Column } from '../../src/lib/board/schema';
import { addCard } from '../../src/lib/board/cards';
import { readBoard } from '../../src/lib/board/read';
import { cardsOf, columnsOf } from '../../src/lib/board/schema';
import { DraftStore, draftRoomName, parseDraftRoomName } from '../../src/lib/server/draft-store';
import { BoardRegistry, type RegistryOptions } from './board-registry';
import type { BoardRoom } from './board-room';

/** A participant's drafts are theirs and the facilitators' to see: nobody else's. */
export function mayOpenDrafts(access: BoardAccess, participantId: string): boolean {
	return access.role === 'facilitator' || (access.role === 'participant' && access.actorId === participantId);
}

export class DraftRooms {
	private readonly store: DraftStore;
	private readonly rooms: BoardRegistry;
	/** Participants whose drafts room is loaded, per board: to pass on lock and phase changes. */
	private readonly openRooms = new Map<string, Set<string>>();
	private readonly listeners = new Set<(boardId: string) => void>();

	/**
	 * `boardColumns` reads the board's columns: a drafts document mirrors them, so
	 * that the rules of what may be written where (phases.ts) read the same columns there.
	 */
	constructor(
		private readonly db: Db,
		options: RegistryOptions,
		private readonly boardColumns: (boardId: string, state: BoardState) => Column[]
	) {
		this.store = new DraftStore(db);
		this.rooms = new BoardRegistry(this.store, {
			...options,
			events: {
				refused: options.events.refused,
				persisted: (name, ...rest) => {
					options.events.persisted(name, ...rest);
					const key = parseDraftRoomName(name);
					if (key) for (const listener of this.listeners) listener(key.boardId);
				}
			}
		});
	}

	/**
	 * Calls `listener` with the board's id when a participant's device changed a draft.
	 * It runs before the change is applied to the room: read the drafts after a moment.
	 */
	onDeviceChange(listener: (boardId: string) => void): void {
		this.listeners.add(listener);
	}

	open(boardId: string, participantId: string, state: BoardState): BoardRoom {
		const participants = this.openRooms.get(boardId) ?? new Set<string>();
		participants.add(participantId);
		this.openRooms.set(boardId, participants);
		const room = this.rooms.open(draftRoomName(boardId, participantId), state);
		this.mirrorColumns(room, this.boardColumns(boardId, state));
		return room;
	}

	private mirrorColumns(room: BoardRoom, columns: Column[]): void {
		if (JSON.stringify(readBoard(room.doc).columns) === JSON.stringify(columns)) return;
		room.change((doc) => {
			const mirror = columnsOf(doc);
			mirror.delete(0, mirror.length);
			mirror.push(
				columns.map((column) => {
					const map = new Y.Map<unknown>();
					map.set('id', column.id);
					map.set('kind', column.kind);
					map.set('title', column.title);
					return map;
				})
			);
		});
	}

	released(boardId: string, participantId: string): void {
		this.rooms.released(draftRoomName(boardId, participantId));
	}

	/** The board's lock and phase hold for drafts as for the board itself. */
	setState(boardId: string, state: BoardState): void {
		for (const participantId of this.openRooms.get(boardId) ?? []) {
			this.rooms.loaded(draftRoomName(boardId, participantId))?.setState(state);
		}
	}

	/** Every draft card of the board, for the facilitators' view. */
	cards(boardId: string, state: BoardState): Card[] {
		const cards = this.store
			.participants(boardId)
			.flatMap((participantId) =>
				this.rooms.readDoc(draftRoomName(boardId, participantId), state, (doc) => readBoard(doc).cards)
			);
		return cards.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	}

	/**
	 * Moves every draft with text into the board (through `publish`, which
	 * stores and broadcasts it as the server's change) and clears the drafts,
	 * also on the authors' devices. Returns how many cards were published.
	 */
	publish(
		boardId: string,
		state: BoardState,
		publish: (apply: (doc: Y.Doc) => void, authorId: string) => void
	): number {
		let published = 0;
		for (const participantId of this.store.participants(boardId)) {
			// A participant the facilitator removed has nothing published in their name.
			if (this.isRemoved(participantId)) continue;
			const name = draftRoomName(boardId, participantId);
			const room = this.rooms.open(name, state);
			try {
				const drafts = readBoard(room.doc).cards;
				const ready = drafts.filter((card) => card.text.trim() !== '');
				if (ready.length > 0) {
					publish((doc) => {
						const existing = cardsOf(doc);
						for (const card of ready) if (!existing.has(card.id)) addCard(doc, card);
					}, participantId);
					published += ready.length;
				}
				// A draft left empty is an accidental tap: it goes, like an empty card on the board.
				if (drafts.length > 0) {
					room.change((doc) => {
						for (const card of drafts) cardsOf(doc).delete(card.id);
					});
				}
			} finally {
				this.rooms.released(name);
			}
		}
		return published;
	}

	private isRemoved(participantId: string): boolean {
		const row = this.db.prepare('SELECT removed FROM participants WHERE id = ?').get(participantId) as
			{ removed: number } | undefined;
		return row?.removed === 1;
	}

	/** Closes a participant's drafts connections, e.g. when the facilitator removed them. */
	disconnect(boardId: string, participantId: string, code: number, reason: string): void {
		this.rooms.loaded(draftRoomName(boardId, participantId))?.closeAll(code, reason);
	}

	closeAll(code: number, reason: string): void {
		this.rooms.closeAll(code, reason);
		this.openRooms.clear();
	}
}
