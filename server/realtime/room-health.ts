/**
 * Room health for facilitators: who is connected, who dropped off, whose
 * changes have not reached the server yet, who joined late. Connected means a
 * live socket or a live connection to the Yjs document; "dropped off" is what
 * this server process saw, so it starts afresh after a restart.
 */
import * as v from 'valibot';
import type { Db } from '../../src/lib/server/db/open';
import * as boards from '../../src/lib/server/repositories/boards';
import * as participants from '../../src/lib/server/repositories/participants';
import type { BoardRole } from '../../src/lib/board/permissions';
import type { RoomHealthPayload, RoomHealthPerson } from '../../src/lib/realtime/events';
import type { BoardRegistry } from '../yjs/board-registry';
import { refusal } from './command';
import { roomOf, type BoardIo, type BoardSocket } from './socket-server';

/** Yjs connections come and go without a socket event: looked at this often while facilitators watch. */
const POLL_MS = 2000;
/** Joining waves (a whole hall scanning the QR code) are summed up, not sent per device. */
const DEBOUNCE_MS = 300;

const StatusInput = v.object({
	unsent: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))
});

interface Tracked {
	name: string | null;
	role: BoardRole;
	/** Unsent counts reported by each of the person's live sockets. */
	unsentBySocket: Map<string, number>;
	/** What the last device to leave reported: it went with those changes still on it. */
	unsentWhenLeft: number;
	connected: boolean;
	droppedAt: number | null;
}

interface BoardTracking {
	people: Map<string, Tracked>;
	lastSent: string;
	timer: ReturnType<typeof setTimeout> | undefined;
}

export function facilitatorsOf(boardId: string): string {
	return `facilitators:${boardId}`;
}

export class RoomHealth {
	private readonly boards = new Map<string, BoardTracking>();

	constructor(
		private readonly io: BoardIo,
		private readonly db: Db,
		private readonly registry: BoardRegistry
	) {
		const poller = setInterval(() => {
			for (const boardId of this.boards.keys()) if (this.watched(boardId)) this.refresh(boardId);
		}, POLL_MS);
		poller.unref();
	}

	/** Follows one socket: its presence, its unsent reports, and for facilitators the health itself. */
	attach(socket: BoardSocket): void {
		const { board, actorId, actorName, role } = socket.data.access;
		const tracking = this.tracking(board.id);
		const person = tracking.people.get(actorId) ?? untracked(actorName, role);
		person.unsentBySocket.set(socket.id, 0);
		tracking.people.set(actorId, person);

		socket.on('device:status', (input, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = v.safeParse(StatusInput, input);
			if (!parsed.success) return ack(refusal('invalid_input', '"unsent" must be a whole number from 0.'));
			person.unsentBySocket.set(socket.id, parsed.output.unsent);
			this.schedule(board.id);
			ack({ ok: true });
		});
		socket.on('disconnect', () => {
			const left = person.unsentBySocket.get(socket.id) ?? 0;
			person.unsentBySocket.delete(socket.id);
			if (person.unsentBySocket.size === 0) person.unsentWhenLeft = left;
			if (this.io.sockets.adapter.rooms.get(roomOf(board.id))?.size) this.schedule(board.id);
			else this.forget(board.id);
		});

		if (role === 'facilitator') {
			void socket.join(facilitatorsOf(board.id));
			socket.emit('room:health', this.compute(board.id));
		}
		this.schedule(board.id);
	}

	private tracking(boardId: string): BoardTracking {
		let tracking = this.boards.get(boardId);
		if (!tracking) {
			tracking = { people: new Map(), lastSent: '', timer: undefined };
			this.boards.set(boardId, tracking);
		}
		return tracking;
	}

	private watched(boardId: string): boolean {
		return (this.io.sockets.adapter.rooms.get(facilitatorsOf(boardId))?.size ?? 0) > 0;
	}

	private schedule(boardId: string): void {
		const tracking = this.boards.get(boardId);
		if (!tracking || tracking.timer) return;
		tracking.timer = setTimeout(() => {
			tracking.timer = undefined;
			this.refresh(boardId);
		}, DEBOUNCE_MS);
	}

	/** Nobody is left on the board: nothing to report to anyone, nothing to keep. */
	private forget(boardId: string): void {
		clearTimeout(this.boards.get(boardId)?.timer);
		this.boards.delete(boardId);
	}

	private refresh(boardId: string): void {
		const tracking = this.boards.get(boardId);
		if (!tracking) return;
		const health = this.compute(boardId);
		const serialised = JSON.stringify(health);
		if (serialised === tracking.lastSent || !this.watched(boardId)) return;
		tracking.lastSent = serialised;
		this.io.to(facilitatorsOf(boardId)).emit('room:health', health);
	}

	/** Everyone who joined the board, and anyone else connected to it, with what this process knows of them. */
	private compute(boardId: string): RoomHealthPayload {
		const tracking = this.tracking(boardId);
		const now = Date.now();
		const onDocument = this.registry.loaded(boardId)?.connectedActorIds() ?? new Set<string>();
		const joined = participants.listOnBoard(this.db, boardId);
		// A device on the document without a socket (a stock Yjs client) is followed from then on too.
		for (const participant of joined) {
			if (onDocument.has(participant.id) && !tracking.people.has(participant.id)) {
				tracking.people.set(participant.id, untracked(participant.name, participant.role));
			}
		}
		for (const [actorId, person] of tracking.people) {
			const connected = person.unsentBySocket.size > 0 || onDocument.has(actorId);
			if (person.connected && !connected) person.droppedAt = now;
			if (connected) person.droppedAt = null;
			person.connected = connected;
		}
		const collectStartedAt = boards.read(this.db, boardId)?.collectStartedAt ?? null;
		const people = joined.map((participant) =>
			describe(participant.id, tracking.people.get(participant.id), {
				name: participant.name,
				role: participant.role,
				joinedAt: participant.joinedAt,
				late: collectStartedAt !== null && participant.joinedAt > collectStartedAt
			})
		);
		const listed = new Set(joined.map((participant) => participant.id));
		for (const [actorId, person] of tracking.people) {
			if (listed.has(actorId)) continue;
			people.push(
				describe(actorId, person, { name: person.name, role: person.role, joinedAt: null, late: false })
			);
		}
		return { people, connectedDevices: this.io.sockets.adapter.rooms.get(roomOf(boardId))?.size ?? 0 };
	}
}

function untracked(name: string | null, role: BoardRole): Tracked {
	return { name, role, unsentBySocket: new Map(), unsentWhenLeft: 0, connected: false, droppedAt: null };
}

function describe(
	id: string,
	person: Tracked | undefined,
	known: Pick<RoomHealthPerson, 'name' | 'role' | 'joinedAt' | 'late'>
): RoomHealthPerson {
	const live = person ? [...person.unsentBySocket.values()] : [];
	return {
		id,
		...known,
		connected: person?.connected ?? false,
		droppedAt: person?.droppedAt ?? null,
		unsent: live.length > 0 ? Math.max(...live) : (person?.unsentWhenLeft ?? 0)
	};
}
