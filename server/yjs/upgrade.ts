/**
 * The authenticated entrance to the Yjs channel: `/yjs/<boardId>`. Access is
 * decided from the cookie before any Yjs message is sent; refusals close with a
 * 44xx code that the stock client treats as final.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppContext } from '../../src/lib/server/context';
import { identityFromCookieHeader, resolveBoardAccess } from '../../src/lib/server/access';
import type { BoardRegistry } from './board-registry';
import type { RoomSocket } from './board-room';
import { CLOSE } from './close-codes';

export const YJS_PATH_PREFIX = '/yjs/';

/** Idle sockets are pinged so that dead venue Wi-Fi connections are noticed and their presence removed. */
const PING_INTERVAL_MS = 30_000;

export interface YjsEndpoint {
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
	close(): void;
}

export function createYjsEndpoint(context: AppContext, registry: BoardRegistry): YjsEndpoint {
	const wss = new WebSocketServer({ noServer: true, maxPayload: context.config.limits.maxFrameBytes });
	const alive = new WeakMap<WebSocket, boolean>();
	/** A whole venue may share one public address: the limit is generous, but it exists. */
	const connectionsPerAddress = new Map<string, number>();

	const pingTimer = setInterval(() => {
		for (const ws of wss.clients) {
			if (alive.get(ws) === false) {
				ws.terminate();
				continue;
			}
			alive.set(ws, false);
			ws.ping();
		}
	}, PING_INTERVAL_MS);
	pingTimer.unref();

	function refuse(ws: WebSocket, code: number, reason: string): void {
		ws.close(code, reason);
	}

	function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const boardId = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
		const identity = identityFromCookieHeader(context.db, request.headers.cookie);
		const result = /^[a-z0-9]{1,64}$/.test(boardId)
			? resolveBoardAccess(context.db, identity, boardId)
			: ({ ok: false, reason: 'not_found' } as const);

		const address = request.socket.remoteAddress ?? 'unknown';
		wss.handleUpgrade(request, socket, head, (ws) => {
			const open = connectionsPerAddress.get(address) ?? 0;
			if (open >= context.config.limits.maxConnectionsPerAddress) {
				refuse(ws, CLOSE.tooManyConnections, 'too many connections');
				return;
			}
			if (!result.ok) {
				const code = {
					not_found: CLOSE.notFound,
					unauthenticated: CLOSE.unauthenticated,
					forbidden: CLOSE.forbidden
				}[result.reason];
				refuse(ws, code, result.reason);
				return;
			}
			const { access } = result;
			const room = registry.open(boardId, access.board);
			const roomSocket: RoomSocket = {
				send(data) {
					if (ws.readyState === ws.OPEN) ws.send(data);
				},
				close(code, reason) {
					ws.close(code, reason);
				}
			};
			connectionsPerAddress.set(address, open + 1);
			alive.set(ws, true);
			ws.on('pong', () => alive.set(ws, true));
			ws.binaryType = 'nodebuffer';
			ws.on('message', (data: Buffer, isBinary) => {
				if (!isBinary) return;
				room.receive(roomSocket, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
			});
			ws.on('close', () => {
				const remaining = (connectionsPerAddress.get(address) ?? 1) - 1;
				if (remaining > 0) connectionsPerAddress.set(address, remaining);
				else connectionsPerAddress.delete(address);
				room.leave(roomSocket);
				registry.released(boardId);
			});
			ws.on('error', () => ws.terminate());
			room.join(roomSocket, {
				id: access.actorId,
				name: access.actorName,
				role: access.role
			});
		});
	}

	return {
		handleUpgrade,
		close() {
			clearInterval(pingTimer);
			for (const ws of wss.clients) ws.terminate();
			wss.close();
		}
	};
}
