/**
 * A participant as a browser runs it: the stock y-websocket `WebsocketProvider`
 * with a full Y.Doc. It notes when each writer's changes arrive (the clock a
 * writer's state reaches, and when), which the bench matches against the
 * writers' send logs to get end-to-end latencies.
 */
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readBoard } from '../src/lib/board/read';
import { classify, type PresenceUser, type Received } from './light-client';
import { now } from './typist';

/** Per writer (Yjs client id): the clocks its state reached at this receiver, and when. */
export type Receipts = Record<number, { clocks: number[]; times: number[] }>;

function webSocketWithCookie(cookie: string | undefined, received: Received) {
	return class CookieWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
			this.on('message', (data: Buffer) => received[classify(data)]++);
		}
	};
}

export class FullClient {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly received: Received = { updates: 0, awareness: 0, other: 0 };
	readonly receipts: Receipts = {};
	syncedAt: number | undefined;
	finalClose: number | undefined;

	constructor(serverUrl: string, room: string, cookie: string | undefined, user: PresenceUser) {
		this.provider = new WebsocketProvider(serverUrl, room, this.doc, {
			WebSocketPolyfill: webSocketWithCookie(cookie, this.received) as unknown as typeof globalThis.WebSocket,
			// Several clients share this process: without this they would sync through a BroadcastChannel.
			disableBc: true
		});
		this.provider.awareness.setLocalStateField('user', user);
		this.provider.on('sync', (synced) => {
			this.syncedAt = synced ? now() : undefined;
		});
		this.provider.on('closed', (event) => {
			this.finalClose = event.code;
		});
		this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if (transaction.origin !== this.provider) return;
			const at = now();
			for (const [client, clock] of transaction.afterState) {
				if (clock <= (transaction.beforeState.get(client) ?? 0)) continue;
				const log = (this.receipts[client] ??= { clocks: [], times: [] });
				log.clocks.push(clock);
				log.times.push(at);
			}
		});
	}

	connect(): Promise<void> {
		if (this.provider.synced) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const onSync = (synced: boolean) => {
				if (!synced) return;
				this.provider.off('sync', onSync);
				this.provider.off('closed', onClosed);
				resolve();
			};
			const onClosed = (event: { code: number }) => {
				this.provider.off('sync', onSync);
				this.provider.off('closed', onClosed);
				reject(new Error(`refused with close code ${event.code}`));
			};
			this.provider.on('sync', onSync);
			this.provider.on('closed', onClosed);
		});
	}

	/** Each writer's clock as this client holds it. */
	stateVector(): Record<number, number> {
		return Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(this.doc)));
	}

	cardTexts(): Record<string, string> {
		return Object.fromEntries(readBoard(this.doc).cards.map((card) => [card.id, card.text]));
	}

	close(): void {
		this.provider.destroy();
		this.doc.destroy();
	}
}
