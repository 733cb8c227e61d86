/**
 * A participant at protocol level: one `ws` socket speaking y-websocket, with
 * its own Y.Doc to write from. After the first sync it no longer decodes what
 * arrives; it counts it by its first bytes and answers as the stock client does
 * (sync step 2 to the server's step 1, presence relayed back), so the server
 * sees the traffic of hundreds of browsers while the generator stays cheap.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, encodeAwareness, encodeUpdate } from '../server/yjs/protocol';
import { now } from './typist';

export interface Received {
	updates: number;
	awareness: number;
	other: number;
}

export interface PresenceUser {
	id: string;
	name: string;
	color: string;
}

const MAX_BACKOFF_MS = 2500;

/** What a message is, from its first two bytes (a sync step 1 is the server asking, not content). */
export function classify(data: Uint8Array): keyof Received {
	if (data[0] === MESSAGE_AWARENESS) return 'awareness';
	if (data[0] === MESSAGE_SYNC && data[1] !== syncProtocol.messageYjsSyncStep1) return 'updates';
	return 'other';
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export class LightClient {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly received: Received = { updates: 0, awareness: 0, other: 0 };
	/** When the last (re)connection finished its sync; undefined while syncing. */
	syncedAt: number | undefined;
	/** A close code the stock client treats as final (44xx), when one came. */
	finalClose: number | undefined;
	private ws: WebSocket | undefined;
	private everSynced = false;
	private failedAttempts = 0;
	private stopped = false;
	private waiting: Array<{ resolve(): void; reject(error: Error): void }> = [];

	constructor(
		private readonly url: string,
		private readonly cookie: string | undefined,
		user: PresenceUser
	) {
		// The stock client sends its own changes as they happen, and its presence whenever it is renewed.
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== this) this.send(encodeUpdate(update));
		});
		this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
			if (origin !== 'local') return;
			const changed = [...added, ...updated, ...removed];
			this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
		});
		this.awareness.setLocalState({ user });
	}

	/** Resolves once the first sync completed; rejects when the server refuses the connection. */
	connect(): Promise<void> {
		this.open();
		return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
	}

	close(): void {
		this.stopped = true;
		this.awareness.destroy();
		this.ws?.terminate();
	}

	private send(message: Uint8Array): void {
		if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(message);
	}

	private open(): void {
		if (this.stopped) return;
		const ws = new WebSocket(this.url, {
			headers: this.cookie ? { cookie: this.cookie } : {},
			perMessageDeflate: false
		});
		this.ws = ws;
		this.syncedAt = undefined;
		ws.binaryType = 'nodebuffer';
		ws.on('open', () => {
			// A returning client asks for what it lacks once it knows the server's state (see onSyncStep1).
			if (!this.everSynced)
				this.send(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)));
			const state = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
			this.send(encodeAwareness(state));
		});
		ws.on('message', (data: Buffer) => this.onMessage(data));
		ws.on('error', () => {});
		ws.on('close', (code) => {
			if (this.ws !== ws || this.stopped) return;
			this.ws = undefined;
			this.syncedAt = undefined;
			if (code >= 4400 && code < 4500) {
				this.finalClose = code;
				for (const { reject } of this.waiting.splice(0)) reject(new Error(`refused with close code ${code}`));
				return;
			}
			// The stock client's backoff: 200 ms, 400 ms, … up to 2.5 s, reset by a sync.
			this.failedAttempts++;
			setTimeout(() => this.open(), Math.min(2 ** this.failedAttempts * 100, MAX_BACKOFF_MS));
		});
	}

	private onMessage(data: Buffer): void {
		const kind = classify(data);
		this.received[kind]++;
		if (kind === 'awareness') {
			// The stock client applies every presence it receives and relays what changed: the same entries.
			this.send(data);
			return;
		}
		if (data[0] !== MESSAGE_SYNC) return;
		if (data[1] === syncProtocol.messageYjsSyncStep1) {
			this.onSyncStep1(data);
			return;
		}
		if (this.syncedAt !== undefined) return;
		if (data[1] === syncProtocol.messageYjsSyncStep2) {
			// Only the first sync is applied: the columns to write into. Later ones are counted, not read.
			if (!this.everSynced) {
				const decoder = decoding.createDecoder(data);
				decoding.readVarUint(decoder);
				decoding.readVarUint(decoder);
				Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), this);
			}
			this.everSynced = true;
			this.failedAttempts = 0;
			this.syncedAt = now();
			for (const { resolve } of this.waiting.splice(0)) resolve();
		}
	}

	/** Answers with what the server lacks; a returning client then asks for what it lacks itself. */
	private onSyncStep1(data: Buffer): void {
		const decoder = decoding.createDecoder(data);
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		const serverState = decoding.readVarUint8Array(decoder);
		this.send(syncMessage((encoder) => syncProtocol.writeSyncStep2(encoder, this.doc, serverState)));
		if (this.everSynced && this.syncedAt === undefined) {
			// This client does not keep others' changes, so it claims the server's state as its own: the
			// server answers with only what is new, as it would to a browser that was briefly offline.
			const claimed = Y.decodeStateVector(serverState);
			claimed.set(this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID));
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, claimed.size);
			for (const [client, clock] of claimed) {
				encoding.writeVarUint(encoder, client);
				encoding.writeVarUint(encoder, clock);
			}
			const stateVector = encoding.toUint8Array(encoder);
			this.send(
				syncMessage((sync) => {
					encoding.writeVarUint(sync, syncProtocol.messageYjsSyncStep1);
					encoding.writeVarUint8Array(sync, stateVector);
				})
			);
		}
	}
}
