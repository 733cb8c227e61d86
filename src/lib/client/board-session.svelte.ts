/**
 * A device's live connection to one board: the Yjs document (kept offline in
 * IndexedDB), the y-websocket provider, presence and the socket.io channel for
 * board state. Holds no rules: what may be done is decided by $lib/board and the server.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { io, type Socket } from 'socket.io-client';
import { readBoard } from '$lib/board/read';
import { cardsOf, type BoardContent } from '$lib/board/schema';
import { indexContent } from '$lib/board/content-index';
import type { BoardRole } from '$lib/board/permissions';
import type {
	Ack,
	AckOf,
	BoardStatePayload,
	ClientToServerEvents,
	RoomHealthPayload,
	SpotlightTarget,
	TimerStatePayload,
	ServerToClientEvents
} from '$lib/realtime/events';
import { findUnsent } from './unsent';
import { cardsAtRisk, keepRefusedCards } from './refused-work';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';
export type ClosedReason = 'removed' | 'unauthenticated' | 'forbidden' | 'not_found' | 'refused';

export interface Me {
	id: string;
	name: string | null;
	role: BoardRole;
	/** The facilitator who owns the meeting; co-facilitators share the role but not the meeting. */
	owner?: boolean;
}

export interface Peer {
	id: string;
	name: string | null;
	color: string;
	isMe: boolean;
}

const CLOSE_REASONS: Record<number, ClosedReason> = {
	4401: 'unauthenticated',
	4403: 'forbidden',
	4404: 'not_found',
	4410: 'removed',
	4422: 'refused'
};

const PEER_COLORS = ['#1f4e5f', '#8a4b08', '#5b3f8c', '#1d6b4a', '#9b2c48', '#2d5fa8', '#6b5a00'];

function colorFor(id: string): string {
	let hash = 0;
	for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return PEER_COLORS[hash % PEER_COLORS.length];
}

export class BoardSession {
	readonly doc = new Y.Doc();
	status = $state<ConnectionStatus>('connecting');
	closedReason = $state<ClosedReason | null>(null);
	content = $state.raw<BoardContent>({ columns: [], cards: [], links: [], clusters: [] });
	/** Cards, clusters and links by id, built once per change of the content and shared by every card. */
	readonly index = $derived(indexContent(this.content));
	/** Cards with content the server does not hold yet (written offline or just now). */
	// Replaced whole on every render, never mutated: raw state, not a SvelteSet.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	unsentCardIds = $state.raw<ReadonlySet<string>>(new Set());
	unsentChanges = $state(false);
	boardState = $state.raw<BoardStatePayload>();
	peers = $state.raw<Peer[]>([]);
	/** The facilitator's timer as the server holds it; `clockOffset` is the server's clock minus this device's. */
	timer = $state.raw<TimerStatePayload>({ status: 'idle', durationMs: 0, serverNow: 0 });
	clockOffset = $state(0);
	spotlight = $state.raw<SpotlightTarget | null>(null);
	/** Facilitators only: who is here, who dropped off, whose changes are still on their device. */
	health = $state.raw<RoomHealthPayload>();
	private reportedUnsent = -1;

	/** What the server is known to hold, per Yjs client: from the state vector it sends. */
	private serverState: Map<number, number>;
	private provider: WebsocketProvider | undefined;
	private persistence: IndexeddbPersistence | undefined;
	private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
	/** Listeners of features kept outside the session (see `on`), attached when the socket opens. */
	private readonly listeners: Array<(socket: Socket<ServerToClientEvents, ClientToServerEvents>) => void> =
		[];
	private renderQueued = false;
	private everOnline = false;

	constructor(
		readonly boardId: string,
		readonly me: Me,
		initialUpdate: Uint8Array,
		initialState: BoardStatePayload,
		/** A projector shows the board without appearing among the people in the room. */
		private readonly options: { announcePresence?: boolean } = {}
	) {
		Y.applyUpdate(this.doc, initialUpdate);
		this.serverState = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		this.boardState = initialState;
		this.render();
	}

	start(): void {
		this.persistence = new IndexeddbPersistence(`wedo-board:${this.boardId}`, this.doc);
		const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
		const provider = new WebsocketProvider(`${protocol}://${location.host}/yjs`, this.boardId, this.doc);
		this.provider = provider;
		this.watchServerState(provider);
		provider.on('status', ({ status }) => {
			if (status === 'connected') {
				this.everOnline = true;
				this.status = 'online';
			} else if (this.status !== 'closed') {
				this.status = navigator.onLine ? (this.everOnline ? 'reconnecting' : 'connecting') : 'offline';
			}
		});
		provider.on('closed', (event) => void this.onClosed(event.code));
		if (this.options.announcePresence !== false) {
			provider.awareness.setLocalStateField('user', {
				id: this.me.id,
				name: this.me.name,
				color: colorFor(this.me.id)
			});
		}
		provider.awareness.on('change', () => this.updatePeers());
		// Own changes show at once (a new card must open for typing before the next key);
		// remote ones are batched per frame, however many arrive.
		this.doc.on('afterTransaction', (transaction: Y.Transaction) =>
			transaction.local ? this.render() : this.scheduleRender()
		);
		// Whatever arrives from the server is held by the server.
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== provider) return;
			for (const [client, clock] of Y.parseUpdateMeta(update).to) {
				if (clock > (this.serverState.get(client) ?? 0)) this.serverState.set(client, clock);
			}
		});
		window.addEventListener('offline', this.onOffline);
		window.addEventListener('online', this.onOnline);

		this.socket = io({ auth: { boardId: this.boardId }, transports: ['websocket', 'polling'] });
		this.socket.on('board:state', (state) => (this.boardState = state));
		this.socket.on('timer:state', (timer) => {
			this.clockOffset = timer.serverNow - Date.now();
			this.timer = timer;
		});
		this.socket.on('spotlight:state', ({ spotlight }) => (this.spotlight = spotlight));
		this.socket.on('room:health', (health) => (this.health = health));
		this.socket.on('connect', () => this.reportUnsent(true));
		for (const attach of this.listeners) attach(this.socket);
	}

	/** Listens to a server event on the board's socket, also when called before `start`. */
	on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
		// socket.io's typed `on` cannot follow a generic event name; the event map keeps callers honest.
		const attach = (socket: Socket<ServerToClientEvents, ClientToServerEvents>) =>
			(socket.on as (event: string, handler: unknown) => void)(event, handler);
		this.listeners.push(attach);
		if (this.socket) attach(this.socket);
	}

	/** Sends a facilitator command; the answer says whether the server accepted it. */
	command<E extends keyof ClientToServerEvents>(
		event: E,
		input: Parameters<ClientToServerEvents[E]>[0]
	): Promise<AckOf<E>> {
		const socket = this.socket;
		if (!socket?.connected) {
			const offline: Ack = { ok: false, error: { code: 'internal', message: 'offline' } };
			return Promise.resolve(offline as AckOf<E>);
		}
		return new Promise((resolve) => {
			// socket.io's typed emit cannot follow a generic event name; the event map keeps callers honest.
			(socket.emit as (event: string, input: unknown, ack: (result: AckOf<E>) => void) => void)(
				event,
				input,
				resolve
			);
		});
	}

	destroy(): void {
		window.removeEventListener('offline', this.onOffline);
		window.removeEventListener('online', this.onOnline);
		this.socket?.disconnect();
		this.provider?.destroy();
		void this.persistence?.destroy();
		this.doc.destroy();
	}

	private onOffline = () => {
		if (this.status !== 'closed') this.status = 'offline';
	};

	private onOnline = () => {
		if (this.status !== 'offline') return;
		this.status = 'reconnecting';
		// A short drop can leave the socket open: no 'connected' event would follow and the
		// indicator would stay on "reconnecting"; a socket that did die would only be noticed
		// after y-websocket's 30 s of silence. A fresh connection settles both at once.
		if (this.provider?.wsconnected) {
			this.provider.disconnect();
			this.provider.connect();
		}
	};

	/**
	 * The server answers every device's changes with its state vector (a sync
	 * step 1 message); reading it tells which local changes it holds.
	 */
	private watchServerState(provider: WebsocketProvider): void {
		const handleSync = provider.messageHandlers[0];
		provider.messageHandlers[0] = (encoder, decoder, ...rest) => {
			const peek = decoding.clone(decoder);
			if (decoding.readVarUint(peek) === 0) {
				this.serverState = Y.decodeStateVector(decoding.readVarUint8Array(peek));
				this.scheduleRender();
			}
			handleSync(encoder, decoder, ...rest);
		};
	}

	private async onClosed(code: number): Promise<void> {
		const reason = CLOSE_REASONS[code];
		if (!reason) return;
		this.status = 'closed';
		this.closedReason = reason;
		if (reason === 'refused') {
			// The server refused a change from this copy: discard it and load the server's,
			// but first keep the person's own unsent words, to offer them back after the reload.
			const unsent = findUnsent(this.doc, this.serverState, cardsOf(this.doc)).cardIds;
			keepRefusedCards(this.boardId, this.me.id, cardsAtRisk(readBoard(this.doc).cards, unsent, this.me.id));
			await this.persistence?.clearData();
			location.reload();
		}
	}

	private scheduleRender(): void {
		if (this.renderQueued) return;
		this.renderQueued = true;
		requestAnimationFrame(() => {
			this.renderQueued = false;
			this.render();
		});
	}

	private render(): void {
		this.content = readBoard(this.doc);
		const unsent = findUnsent(this.doc, this.serverState, cardsOf(this.doc));
		this.unsentChanges = unsent.any;
		this.unsentCardIds = unsent.cardIds;
		this.reportUnsent();
	}

	/** Tells the server how many changes this device still holds, for the facilitators' view of the room. */
	private reportUnsent(always = false): void {
		const count = Math.max(this.unsentCardIds.size, this.unsentChanges ? 1 : 0);
		if ((!always && count === this.reportedUnsent) || !this.socket?.connected) return;
		this.reportedUnsent = count;
		this.socket.emit('device:status', { unsent: count }, () => {});
	}

	private updatePeers(): void {
		// A local index only: the reactive value is the array assigned below.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const peers = new Map<string, Peer>();
		for (const state of this.provider?.awareness.getStates().values() ?? []) {
			const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
			if (!user || typeof user.id !== 'string') continue;
			peers.set(user.id, {
				id: user.id,
				name: typeof user.name === 'string' ? user.name : null,
				color: typeof user.color === 'string' ? user.color : colorFor(user.id),
				isMe: user.id === this.me.id
			});
		}
		this.peers = [...peers.values()];
	}
}
