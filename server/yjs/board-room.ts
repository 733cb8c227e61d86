/**
 * One board's live document and the connections to it. Knows nothing of
 * WebSockets: a connection is anything with `send` and `close`.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { BoardStore } from '../../src/lib/server/board-store';
import { canWriteBoard, type Actor, type BoardState } from '../../src/lib/board/permissions';
import {
	decodeAwarenessUpdate,
	encodeAwarenessEntries,
	type AwarenessEntry,
	decodeMessage,
	encodeAwarenessStates,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate
} from './protocol';
import {
	checkUpdate,
	decodeUpdate,
	type DecodedUpdate,
	type PolicyLimits,
	type PolicyRefusal
} from './update-policy';
import { CLOSE } from './close-codes';

/** What a room needs of its storage: the board log, or a participant's drafts (server/yjs/draft-rooms.ts). */
export type RoomStore = Pick<BoardStore, 'load' | 'append' | 'compact' | 'clientOwners' | 'bindClient'>;

export interface RoomSocket {
	send(data: Uint8Array): void;
	close(code: number, reason: string): void;
}

export interface RoomActor extends Actor {
	name: string | null;
}

interface Connection {
	socket: RoomSocket;
	actor: RoomActor;
	/** The one awareness client id this connection speaks for, removed when it leaves. */
	awarenessId: number | undefined;
	ackTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface RoomEvents {
	refused(boardId: string, actor: RoomActor, reason: PolicyRefusal | 'read_only'): void;
	/** `seconds`: how long storing took (the update waited that long before anyone saw it). */
	persisted(boardId: string, count: number, seconds: number): void;
}

/** A change made by the server itself (e.g. a template); stored like any other. */
class ServerChange {
	/** `actorId`: on whose behalf the server made it, stored with it for attribution and undo. */
	constructor(readonly actorId: string | null) {}
}

/** How long after a device's last change the server confirms what it holds (its "unsent" marks clear). */
const ACK_DELAY_MS = 150;

/**
 * Presence changes are gathered this long and sent as one message. Every
 * device renews its presence every 15 s and stock clients send back what they
 * receive, so per-change messages would grow with the square of the room.
 */
const PRESENCE_BATCH_MS = 200;

/** Changes waiting to be sent on, and whose they are (a single sender need not get its own back). */
interface Outbox<T> {
	items: T;
	origins: Set<unknown>;
}

export class BoardRoom {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	private readonly connections = new Map<RoomSocket, Connection>();
	private readonly clientOwners: Map<number, string>;
	private updatesSinceSnapshot: number;
	private compactionQueued = false;
	private outgoingUpdates: Outbox<Uint8Array[]> = { items: [], origins: new Set() };
	private outgoingPresence: Outbox<Set<number>> = { items: new Set(), origins: new Set() };
	private presenceTimer: ReturnType<typeof setTimeout> | undefined;
	/** Sync step 1 for the document as it is: hundreds of acknowledgements a second share one encoding. */
	private syncStep1: Uint8Array | undefined;

	constructor(
		readonly boardId: string,
		private state: BoardState,
		private readonly store: RoomStore,
		private readonly limits: PolicyLimits & { compactAfterUpdates: number },
		private readonly events: RoomEvents
	) {
		// The server holds no presence of its own.
		this.awareness.setLocalState(null);
		this.updatesSinceSnapshot = store.load(boardId, this.doc).updatesSinceSnapshot;
		this.clientOwners = store.clientOwners(boardId);
		this.doc.on('update', this.onDocUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
	}

	get connectionCount(): number {
		return this.connections.size;
	}

	/** Identities with a live connection to the board right now. */
	connectedActorIds(): Set<string> {
		return new Set([...this.connections.values()].map((connection) => connection.actor.id));
	}

	setState(state: BoardState): void {
		this.state = state;
	}

	join(socket: RoomSocket, actor: RoomActor): void {
		this.connections.set(socket, { socket, actor, awarenessId: undefined, ackTimer: undefined });
		socket.send(this.currentSyncStep1());
		const states = [...this.awareness.getStates().keys()];
		if (states.length > 0) socket.send(encodeAwarenessStates(this.awareness, states));
	}

	leave(socket: RoomSocket): void {
		const connection = this.connections.get(socket);
		if (!connection) return;
		clearTimeout(connection.ackTimer);
		this.connections.delete(socket);
		if (connection.awarenessId !== undefined) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [connection.awarenessId], null);
		}
	}

	/** Closes every connection of one identity, e.g. a participant the facilitator removed. */
	disconnectActor(actorId: string, code: number, reason: string): void {
		for (const connection of [...this.connections.values()]) {
			if (connection.actor.id === actorId) {
				this.leave(connection.socket);
				connection.socket.close(code, reason);
			}
		}
	}

	closeAll(code: number, reason: string): void {
		for (const connection of [...this.connections.values()]) {
			this.leave(connection.socket);
			connection.socket.close(code, reason);
		}
	}

	receive(socket: RoomSocket, data: Uint8Array): void {
		const connection = this.connections.get(socket);
		if (!connection) return;
		let message;
		try {
			message = decodeMessage(data);
		} catch {
			this.refuse(connection, 'malformed');
			return;
		}
		switch (message.kind) {
			case 'sync-step-1': {
				let reply: Uint8Array;
				try {
					reply = encodeSyncStep2(this.doc, message.stateVector);
				} catch {
					// A state vector that does not decode.
					this.refuse(connection, 'malformed');
					return;
				}
				socket.send(reply);
				return;
			}
			case 'update':
				this.receiveUpdate(connection, message.update);
				return;
			case 'awareness':
				this.receiveAwareness(connection, message.update);
				return;
			case 'ignored':
				return;
		}
	}

	private receiveUpdate(connection: Connection, update: Uint8Array): void {
		// Decoded once here for every check below; Y.applyUpdate reads the bytes itself.
		const decoded = decodeUpdate(update);
		// A reply to our acknowledgement carries nothing to check or store; it is only empty
		// while the board has no deletions, after that it repeats the device's whole delete set.
		if (decoded && addsNothing(this.doc, update, decoded)) return;
		if (!canWriteBoard(connection.actor.role, this.state)) {
			// Read-only devices are expected to send their (empty) sync reply; anything else is dropped, not applied.
			this.events.refused(this.boardId, connection.actor, 'read_only');
			return;
		}
		if (!decoded) {
			this.refuse(connection, 'malformed');
			return;
		}
		const verdict = checkUpdate(this.doc, decoded, connection.actor, this.limits, this.state);
		if (!verdict.ok && verdict.reason === 'malformed' && startsAfterServerState(this.doc, decoded)) {
			// The stock client sends a change as soon as its socket opens, so one typed while it
			// reconnects can arrive before the sync reply with the offline changes it builds on.
			// That reply, or the one our acknowledgement asks for, brings it again: wait for it.
			this.scheduleAck(connection);
			return;
		}
		if (!verdict.ok) {
			this.refuse(connection, verdict.reason);
			return;
		}
		const clientIds = clientIdsOf(decoded);
		for (const clientId of clientIds) {
			const owner = this.clientOwners.get(clientId);
			if (owner !== undefined && owner !== connection.actor.id) {
				this.refuse(connection, 'not_owner');
				return;
			}
		}
		for (const clientId of clientIds) {
			if (!this.clientOwners.has(clientId)) {
				this.clientOwners.set(clientId, connection.actor.id);
				this.store.bindClient(this.boardId, clientId, connection.actor.id);
			}
		}
		// Stored before it is applied, so nothing another device receives can be lost by a crash.
		this.persist(update, connection.actor.id);
		Y.applyUpdate(this.doc, update, connection);
		this.scheduleAck(connection);
	}

	/** Applies a change made on the server (it is stored and broadcast like a device's). */
	change(apply: (doc: Y.Doc) => void, actorId: string | null = null): void {
		this.doc.transact(() => apply(this.doc), new ServerChange(actorId));
	}

	/**
	 * Changes are sent on once per turn of the event loop, merged into one message
	 * for all: under load, one write per connection carries many keystrokes. They
	 * were stored before they were applied, so this keeps "stored before sent".
	 */
	private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		this.syncStep1 = undefined;
		if (origin instanceof ServerChange) this.persist(update, origin.actorId);
		if (this.outgoingUpdates.items.length === 0) setImmediate(this.flushUpdates);
		this.outgoingUpdates.items.push(update);
		this.outgoingUpdates.origins.add(origin);
	};

	private flushUpdates = (): void => {
		const { items, origins } = this.outgoingUpdates;
		if (items.length === 0) return;
		this.outgoingUpdates = { items: [], origins: new Set() };
		this.broadcast(encodeUpdate(items.length === 1 ? items[0] : Y.mergeUpdates(items)), origins);
	};

	/**
	 * Sends to every connection; a lone sender does not get its own changes back.
	 * When several sent, each gets the whole batch (Yjs ignores what it already
	 * holds) rather than one merge per sender.
	 */
	private broadcast(message: Uint8Array, origins: Set<unknown>): void {
		const [only] = origins;
		const skip = origins.size === 1 ? only : undefined;
		for (const connection of this.connections.values()) {
			if (connection !== skip) connection.socket.send(message);
		}
	}

	/**
	 * The stock client relays every presence change it sees, its peers' too, so
	 * only the entry for the connection's own id is applied. That id is the first
	 * one it announces with a state naming itself (the stock client does so on
	 * connect); a state naming anyone else is a forgery and dropped.
	 */
	private receiveAwareness(connection: Connection, update: Uint8Array): void {
		let entries: AwarenessEntry[];
		try {
			entries = decodeAwarenessUpdate(update);
		} catch {
			this.refuse(connection, 'malformed');
			return;
		}
		if (connection.awarenessId === undefined) {
			const claim = entries.find(
				(entry) =>
					entry.state !== null &&
					describesOnly(entry.state, connection.actor) &&
					this.mayClaimAwarenessId(connection, entry.clientId)
			);
			connection.awarenessId = claim?.clientId;
		}
		const own = entries.filter((entry) => entry.clientId === connection.awarenessId);
		if (own.length === 0) return;
		if (!own.every((entry) => describesOnly(entry.state, connection.actor))) {
			this.events.refused(this.boardId, connection.actor, 'not_owner');
			return;
		}
		const accepted = own.length === entries.length ? update : encodeAwarenessEntries(own);
		awarenessProtocol.applyAwarenessUpdate(this.awareness, accepted, connection);
	}

	/** Not a Yjs client id of another identity, nor one another live connection speaks for. */
	private mayClaimAwarenessId(connection: Connection, clientId: number): boolean {
		const owner = this.clientOwners.get(clientId);
		if (owner !== undefined && owner !== connection.actor.id) return false;
		for (const other of this.connections.values()) {
			if (other !== connection && other.awarenessId === clientId) return false;
		}
		return true;
	}

	private onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		for (const clientId of [...added, ...updated, ...removed]) this.outgoingPresence.items.add(clientId);
		this.outgoingPresence.origins.add(origin);
		this.presenceTimer ??= setTimeout(this.flushPresence, PRESENCE_BATCH_MS);
	};

	/** One message with the latest state of every presence that changed (removed ones as null). */
	private flushPresence = (): void => {
		this.presenceTimer = undefined;
		const { items, origins } = this.outgoingPresence;
		if (items.size === 0) return;
		this.outgoingPresence = { items: new Set(), origins: new Set() };
		this.broadcast(encodeAwarenessStates(this.awareness, [...items]), origins);
	};

	private refuse(connection: Connection, reason: PolicyRefusal): void {
		this.events.refused(this.boardId, connection.actor, reason);
		this.leave(connection.socket);
		// Final for the stock client; ours resets its copy and reloads from the server.
		connection.socket.close(CLOSE.updateRefused, reason);
	}

	/** Tells the sender which state the server now holds, so its "not sent yet" marks can clear. */
	private scheduleAck(connection: Connection): void {
		if (connection.ackTimer) return;
		connection.ackTimer = setTimeout(() => {
			connection.ackTimer = undefined;
			if (this.connections.has(connection.socket)) connection.socket.send(this.currentSyncStep1());
		}, ACK_DELAY_MS);
	}

	/** Only new content moves the state vector, and every change of content emits `update`, which clears it. */
	private currentSyncStep1(): Uint8Array {
		return (this.syncStep1 ??= encodeSyncStep1(this.doc));
	}

	private persist(update: Uint8Array, actorId: string | null): void {
		const started = performance.now();
		this.store.append(this.boardId, [{ data: update, actorId }]);
		this.events.persisted(this.boardId, 1, (performance.now() - started) / 1000);
		this.noteStored();
	}

	private noteStored(): void {
		this.updatesSinceSnapshot++;
		if (this.updatesSinceSnapshot < this.limits.compactAfterUpdates || this.compactionQueued) return;
		this.compactionQueued = true;
		setImmediate(() => {
			this.compactionQueued = false;
			this.compact();
		});
	}

	compact(): void {
		this.store.compact(this.boardId, this.doc);
		this.updatesSinceSnapshot = 0;
	}

	destroy(): void {
		clearTimeout(this.presenceTimer);
		this.awareness.destroy();
		this.doc.destroy();
	}
}

/** No new content (the first varint, the number of clients with content, is 0) and only deletions already made. */
function addsNothing(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate): boolean {
	if (update[0] !== 0) return false;
	for (const [client, ranges] of decoded.ds.clients) {
		for (const { clock, len } of ranges) {
			if (Y.getState(doc.store, client) < clock + len) return false;
			// Deleted neighbours are merged into one struct, so this visits few.
			for (let position = clock; position < clock + len;) {
				const struct = Y.getItem(doc.store, Y.createID(client, position)) as Y.Item | Y.GC;
				if (!struct.deleted) return false;
				position = struct.id.clock + struct.length;
			}
		}
	}
	return true;
}

/**
 * Whether an update holds content of a Yjs client from beyond the clock the server has of it.
 * A client's content starts where its run of structs does (as Y.parseUpdateMeta reads `from`).
 */
function startsAfterServerState(doc: Y.Doc, decoded: DecodedUpdate): boolean {
	const from = new Map<number, number>();
	let previousClient: number | undefined;
	for (const { id } of decoded.structs) {
		if (id.client !== previousClient) from.set(id.client, id.clock);
		previousClient = id.client;
	}
	return [...from].some(([client, clock]) => clock > Y.getState(doc.store, client));
}

function clientIdsOf(decoded: DecodedUpdate): Set<number> {
	const ids = new Set<number>();
	for (const struct of decoded.structs) ids.add(struct.id.client);
	return ids;
}

/** A device may describe only itself: a presence state names its own identity or nobody. */
function describesOnly(state: unknown, actor: RoomActor): boolean {
	if (state === null || typeof state !== 'object') return true;
	const user = (state as { user?: { id?: unknown; name?: unknown } }).user;
	return !user || (user.id === actor.id && (user.name ?? null) === actor.name);
}
