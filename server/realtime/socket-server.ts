/**
 * The socket.io side: board state and facilitator commands. Every command is
 * authorised on the server by the role resolved at the handshake.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AppContext } from '../../src/lib/server/context';
import { identityFromCookieHeader, resolveBoardAccess, type BoardAccess } from '../../src/lib/server/access';
import type { Board } from '../../src/lib/server/repositories/boards';
import { boardStatePayload } from '../../src/lib/server/board-state';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { registerBoardCommands } from './board-commands';
import { registerFacilitationCommands, sendFacilitationState } from './facilitation-commands';
import { RoomHealth } from './room-health';
import { registerModerationCommands } from './moderation-commands';
import { isAllowedOrigin } from '../../src/lib/server/same-origin';
import type { Logger } from '../log';
import type { BoardRegistry } from '../yjs/board-registry';
import type { DraftRooms } from '../yjs/draft-rooms';
import type { LiveRooms } from './live-rooms';
import { registerWorkshopCommands, startWorkshop } from './workshop-commands';

export interface SocketData {
	access: BoardAccess;
}

export type BoardSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;
export type BoardIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function roomOf(boardId: string): string {
	return `board:${boardId}`;
}

export function createSocketServer(
	httpServer: HttpServer,
	context: AppContext,
	onBoardChanged: (board: Board) => void,
	registry: BoardRegistry,
	log: Logger,
	drafts: DraftRooms
): BoardIo {
	const io: BoardIo = new Server(httpServer, {
		// The Yjs endpoint shares the HTTP server's upgrades; socket.io must not destroy those it does not own.
		destroyUpgrade: false,
		maxHttpBufferSize: 64 * 1024,
		serveClient: false,
		// A page on another site may not open the board with a visitor's cookie (see src/lib/server/same-origin.ts).
		allowRequest: (request, callback) =>
			callback(
				null,
				isAllowedOrigin(request.headers.origin, {
					host: request.headers.host,
					publicOrigin: context.config.origin
				})
			)
	});
	const health = new RoomHealth(io, context.db, registry);
	const rooms: LiveRooms = { boards: registry, drafts };
	startWorkshop(io, context, rooms);

	io.use((socket, next) => {
		const boardId = (socket.handshake.auth as { boardId?: unknown })?.boardId;
		const identity = identityFromCookieHeader(context.db, socket.handshake.headers.cookie);
		if (!identity.user && !identity.deviceHash) return next(new Error('unauthenticated'));
		if (typeof boardId !== 'string') return next(new Error('forbidden'));
		const result = resolveBoardAccess(context.db, identity, boardId);
		if (!result.ok) return next(new Error(result.reason === 'not_found' ? 'forbidden' : result.reason));
		socket.data.access = result.access;
		next();
	});

	io.on('connection', (socket: BoardSocket) => {
		const { access } = socket.data;
		void socket.join(roomOf(access.board.id));
		socket.emit('session:welcome', {
			role: access.role,
			actorId: access.actorId,
			actorName: access.actorName
		});
		socket.emit('board:state', boardStatePayload(access.board));
		sendFacilitationState(socket, context);
		registerBoardCommands(socket, context, onBoardChanged);
		registerFacilitationCommands(socket, context, onBoardChanged);
		health.attach(socket);
		registerModerationCommands(socket, context, { io, registry, drafts, log });
		registerWorkshopCommands(socket, io, context, rooms);
	});

	return io;
}

/** Disconnects these identities' sockets on the board, e.g. when a link that admitted them is revoked. */
export function disconnectSockets(io: BoardIo, boardId: string, actorIds: readonly string[]): void {
	for (const socket of io.of('/').sockets.values()) {
		const { access } = socket.data;
		if (access?.board.id === boardId && actorIds.includes(access.actorId)) socket.disconnect(true);
	}
}
