/**
 * The authenticated entrance to the Yjs channel: `/yjs/<boardId>`. Access is
 * decided from the Origin and the cookie before any Yjs message is sent;
 * refusals close with a 44xx code that the stock client treats as final. Each
 * connection then spends from its own message budget; a connection that floods
 * is closed with 4529 (its client may come back later) and nobody else notices.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppContext } from '../../src/lib/server/context';
import { identityFromCookieHeader, resolveBoardAccess } from '../../src/lib/server/access';
import { isAllowedOrigin } from '../../src/lib/server/same-origin';
import type { BoardRegistry } from './board-registry';
import type { RoomSocket } from './board-room';
import { CLOSE } from './close-codes';
import { MessageBudget } from './message-budget';
import { mayOpenDrafts, type DraftRooms } from './draft-rooms';
import { parseDraftRoomName } from '../../src/lib/server/draft-store';

export const YJS_PATH_PREFIX = '/yjs/';

/** Idle sockets are pinged so that dead venue Wi-Fi connections are noticed and their presence removed. */
const PING_INTERVAL_MS = 30_000;
/** Big messages cost more of the budget: one token per this many bytes, on top of one per message. */
const BYTES_PER_TOKEN = 16 * 1024;
/** A closed flooder gets this long to finish the closing handshake before its socket is cut. */
const CLOSE_GRACE_MS = 2000;

/**
 * Why an upgrade or a connection was refused before its messages reached a room
 * (for metrics and logs); `internal_error` carries the error that closed the connection.
 */
export type EntranceRefusal =
	| 'origin'
	| 'too_many_connections'
	| 'rate_limited'
	| 'too_large'
	| 'not_found'
	| 'unauthenticated'
	| 'forbidden'
	| 'internal_error';

export interface YjsEndpoint {
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
	close(): void;
}

export function createYjsEndpoint(
	context: AppContext,
	registry: BoardRegistry,
	onRefused: (reason: EntranceRefusal, error?: unknown) => void = () => {},
	drafts?: DraftRooms
): YjsEndpoint {
	const { limits } = context.config;
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
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

	function refuse(ws: WebSocket, code: number, reason: EntranceRefusal): void {
		onRefused(reason);
		ws.close(code, reason);
	}

	function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const roomName = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
		// Private writing: a participant's drafts are the room `<boardId>~drafts~<participantId>`.
		const draftsOf = drafts ? parseDraftRoomName(roomName) : null;
		const boardId = draftsOf?.boardId ?? roomName;
		const identity = identityFromCookieHeader(context.db, request.headers.cookie);
		const validName =
			/^[a-z0-9]{1,64}$/.test(boardId) && (!draftsOf || /^[a-z0-9]{1,64}$/.test(draftsOf.participantId));
		const result = validName
			? resolveBoardAccess(context.db, identity, boardId)
			: ({ ok: false, reason: 'not_found' } as const);

		const address = request.socket.remoteAddress ?? 'unknown';
		const originAllowed = isAllowedOrigin(request.headers.origin, {
			host: request.headers.host,
			publicOrigin: context.config.origin
		});
		wss.handleUpgrade(request, socket, head, (ws) => {
			// Another site's page may not use a visitor's cookie to write on their behalf.
			if (!originAllowed) {
				refuse(ws, CLOSE.forbidden, 'origin');
				return;
			}
			const open = connectionsPerAddress.get(address) ?? 0;
			if (open >= limits.maxConnectionsPerAddress) {
				refuse(ws, CLOSE.tooManyConnections, 'too_many_connections');
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
			if (draftsOf && !mayOpenDrafts(access, draftsOf.participantId)) {
				refuse(ws, CLOSE.forbidden, 'forbidden');
				return;
			}
			const room = draftsOf
				? drafts!.open(boardId, draftsOf.participantId, access.board)
				: registry.open(boardId, access.board);
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
			const budget = new MessageBudget({
				perSecond: limits.messagesPerSecond,
				burst: limits.messageBurst,
				bytesPerToken: BYTES_PER_TOKEN
			});
			let flooded = false;
			ws.on('message', (data: Buffer, isBinary) => {
				if (flooded) return;
				if (!budget.spend(data.byteLength)) {
					flooded = true;
					room.leave(roomSocket);
					refuse(ws, CLOSE.rateLimited, 'rate_limited');
					// Stop reading what it still sends; cut it if it ignores the close.
					ws.pause();
					setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
					return;
				}
				if (!isBinary) return;
				try {
					room.receive(roomSocket, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
				} catch (error) {
					// A message no rule foresaw must cost its connection, never the server and everyone on it.
					onRefused('internal_error', error);
					room.leave(roomSocket);
					ws.close(CLOSE.internalError, 'internal error');
				}
			});
			ws.on('close', () => {
				const remaining = (connectionsPerAddress.get(address) ?? 1) - 1;
				if (remaining > 0) connectionsPerAddress.set(address, remaining);
				else connectionsPerAddress.delete(address);
				room.leave(roomSocket);
				if (draftsOf) drafts!.released(boardId, draftsOf.participantId);
				else registry.released(boardId);
			});
			ws.on('error', (error: Error & { code?: string }) => {
				// `ws` closes a frame above maxPayload with 1009 itself; counted so that operators see it.
				if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') onRefused('too_large');
				ws.terminate();
			});
			room.join(roomSocket, {
				id: access.actorId,
				name: access.actorName,
				// Facilitators read participants' drafts; only the author writes them.
				role: draftsOf && access.role === 'facilitator' ? 'viewer' : access.role
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
