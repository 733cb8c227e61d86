/**
 * Yjs clients as a browser runs them: the stock y-websocket `WebsocketProvider`,
 * authenticated by the device's cookie on the upgrade request.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RunningServer } from './server';

const MESSAGE_SYNC = 0;

export interface YjsClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close codes of connections the server (or the network) closed, in order. */
	closeCodes: number[];
	/** How many WebSocket messages this client received in total. */
	messagesReceived(): number;
	/** Resolves with the code of the next closed connection (or the last one, if it is already closed). */
	closed(timeoutMs?: number): Promise<number>;
	/** Resolves once the first sync completed; rejects if the connection is closed before. */
	synced(): Promise<void>;
	/**
	 * A sync round trip on this connection: everything the server sent before it
	 * processed our request (e.g. broadcasts of earlier updates) has arrived when it resolves.
	 */
	flush(timeoutMs?: number): Promise<void>;
	destroy(): void;
}

function asBytes(data: unknown): Uint8Array {
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
	const view = data as Uint8Array;
	return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function isSyncStep2(bytes: Uint8Array): boolean {
	const decoder = decoding.createDecoder(bytes);
	if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
	return decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
}

/**
 * `ws` with the device's cookie on the upgrade, passed to the provider as its
 * `WebSocketPolyfill`; it also counts what arrives, for the tests.
 */
function webSocketClass(cookie: string | undefined, onMessage: (bytes: Uint8Array) => void) {
	return class CookieWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, cookie ? { headers: { cookie } } : {});
			this.on('message', (data: unknown) => onMessage(asBytes(data)));
		}
	};
}

export function connectYjs(server: RunningServer, boardId: string, cookie?: string): YjsClient {
	const doc = new Y.Doc();
	const closeCodes: number[] = [];
	let received = 0;
	let step2Received = 0;
	const onMessage = (bytes: Uint8Array) => {
		received++;
		if (isSyncStep2(bytes)) step2Received++;
	};
	const provider = new WebsocketProvider(`${server.wsUrl}/yjs`, boardId, doc, {
		WebSocketPolyfill: webSocketClass(cookie, onMessage) as unknown as typeof globalThis.WebSocket,
		// Several clients share this process: without this they would sync through a
		// BroadcastChannel instead of through the server under test.
		disableBc: true,
		maxBackoffTime: 500
	});
	provider.on('connection-close', (event) => {
		if (event) closeCodes.push(event.code);
	});

	function closed(timeoutMs = 10_000): Promise<number> {
		if (!provider.wsconnected && !provider.wsconnecting && closeCodes.length > 0) {
			return Promise.resolve(closeCodes[closeCodes.length - 1]);
		}
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				provider.off('connection-close', listener);
				reject(new Error(`the connection is still open after ${timeoutMs} ms`));
			}, timeoutMs);
			const listener = (event: CloseEvent | null) => {
				if (!event) return;
				clearTimeout(timer);
				provider.off('connection-close', listener);
				resolve(event.code);
			};
			provider.on('connection-close', listener);
		});
	}

	function synced(): Promise<void> {
		if (provider.synced) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const onSync = (state: boolean) => {
				if (!state) return;
				cleanup();
				resolve();
			};
			const onClose = (event: CloseEvent | null) => {
				cleanup();
				reject(new Error(`connection closed before sync (code ${event?.code})`));
			};
			const cleanup = () => {
				provider.off('sync', onSync);
				provider.off('connection-close', onClose);
			};
			provider.on('sync', onSync);
			provider.on('connection-close', onClose);
		});
	}

	async function flush(timeoutMs = 10_000): Promise<void> {
		const ws = provider.ws;
		if (!ws || !provider.wsconnected) throw new Error('flush: not connected');
		const before = step2Received;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, doc);
		ws.send(encoding.toUint8Array(encoder));
		const deadline = Date.now() + timeoutMs;
		while (step2Received === before) {
			if (Date.now() > deadline) throw new Error('flush: no sync reply');
			if (!provider.wsconnected) throw new Error(`flush: connection closed (${closeCodes.join(',')})`);
			await sleep(5);
		}
	}

	return {
		doc,
		provider,
		closeCodes,
		messagesReceived: () => received,
		closed,
		synced,
		flush,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** A connected client whose document holds the server's state. */
export async function connectSynced(
	server: RunningServer,
	boardId: string,
	cookie?: string
): Promise<YjsClient> {
	const client = connectYjs(server, boardId, cookie);
	try {
		await client.synced();
	} catch (error) {
		client.destroy();
		throw error;
	}
	return client;
}

export interface RawOutcome {
	/** Close code of the connection, when it was opened and then closed. */
	code?: number;
	/** HTTP status, when the upgrade itself was refused. */
	httpStatus?: number;
	/** Every message the server sent before closing. */
	messages: Uint8Array[];
}

/**
 * A bare WebSocket to the Yjs endpoint: it sends nothing but `send` (once open)
 * and records what the server sends until it closes the connection.
 */
export function rawConnect(
	server: RunningServer,
	boardId: string,
	cookie?: string,
	options: { send?: Uint8Array[]; timeoutMs?: number } = {}
): Promise<RawOutcome> {
	const timeoutMs = options.timeoutMs ?? 10_000;
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.wsUrl}/yjs/${boardId}`, cookie ? { headers: { cookie } } : {});
		const messages: Uint8Array[] = [];
		const timer = setTimeout(() => {
			ws.terminate();
			reject(new Error(`still open after ${timeoutMs} ms, ${messages.length} messages`));
		}, timeoutMs);
		ws.on('open', () => {
			for (const frame of options.send ?? []) ws.send(frame);
		});
		ws.on('message', (data) => messages.push(asBytes(data)));
		ws.on('unexpected-response', (_request, response) => {
			clearTimeout(timer);
			resolve({ httpStatus: response.statusCode, messages });
			ws.terminate();
		});
		ws.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, messages });
		});
		ws.on('error', () => {
			// reported through 'close' or 'unexpected-response'
		});
	});
}

/** A y-websocket sync "update" message carrying `update`, for hand-made clients. */
export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns something truthy. */
export async function waitFor<T>(
	check: () => T | undefined | null | false,
	what = 'condition',
	timeoutMs = 10_000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(10);
	}
}
