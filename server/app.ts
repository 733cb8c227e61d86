/**
 * Wires WeDo Board's live side onto an HTTP server: the database, the Yjs
 * endpoint, socket.io and the context that SvelteKit's routes reach. Used by
 * the production entry (server/index.ts) and by `npm run dev` (server/dev-plugin.ts).
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/open';
import { BoardStore } from '../src/lib/server/board-store';
import { setAppContext, type AppContext } from '../src/lib/server/context';
import { FailureLimiter } from '../src/lib/server/rate-limit';
import { LIMITS } from '../src/lib/board/schema';
import { readBoard } from '../src/lib/board/read';
import * as boards from '../src/lib/server/repositories/boards';
import type { Board } from '../src/lib/server/repositories/boards';
import { BoardRegistry, type RegistryOptions } from './yjs/board-registry';
import { DraftRooms } from './yjs/draft-rooms';
import { createYjsEndpoint, YJS_PATH_PREFIX, type YjsEndpoint } from './yjs/upgrade';
import { CLOSE } from './yjs/close-codes';
import { createSocketServer, disconnectSockets, roomOf, type BoardIo } from './realtime/socket-server';
import { boardStatePayload } from '../src/lib/server/board-state';
import { startRetention } from '../src/lib/server/outcomes-privacy';
import { LogCompactor, startLogCompaction } from './yjs/log-compaction';
import type { Logger } from './log';
import { createMetrics } from './metrics';

const MINUTE = 60_000;

export interface WedoServer {
	context: AppContext;
	registry: BoardRegistry;
	/** Attaches the Yjs endpoint and socket.io to an HTTP server (once). */
	attach(httpServer: HttpServer): void;
	/** Closes live connections, stores every loaded board and closes the database. */
	shutdown(): Promise<void>;
}

export function createWedoServer(config: Config, log: Logger): WedoServer {
	const db = openDatabase(config.databaseFile);
	const store = new BoardStore(db);
	let io: BoardIo | undefined;
	let yjs: YjsEndpoint | undefined;
	const metrics = createMetrics({
		yjsConnections: () => registry.connectionCount,
		socketConnections: () => io?.engine.clientsCount ?? 0,
		boardsLoaded: () => registry.loadedCount
	});
	const roomOptions: RegistryOptions = {
		limits: {
			maxCardText: config.limits.maxCardText,
			maxTitle: config.limits.maxTitle,
			maxCards: LIMITS.cardsPerBoard,
			compactAfterUpdates: config.compactAfterUpdates
		},
		unloadIdleMs: config.unloadIdleMs,
		events: {
			refused(boardId, actor, reason) {
				metrics.refused(reason);
				log.warn({ boardId, actorId: actor.id, role: actor.role, reason }, 'update refused');
			},
			persisted(_boardId, count, seconds) {
				metrics.updateStored(count, seconds);
			}
		}
	};
	const registry = new BoardRegistry(store, roomOptions);
	const drafts = new DraftRooms(db, roomOptions, (boardId, state) =>
		registry.readDoc(boardId, state, (doc) => readBoard(doc).columns)
	);

	function boardChanged(board: Board): void {
		registry.loaded(board.id)?.setState(board);
		drafts.setState(board.id, board);
		io?.to(roomOf(board.id)).emit('board:state', boardStatePayload(board));
	}

	const context: AppContext = {
		config,
		db,
		store,
		live: {
			// The room this may load keeps the board's real lock and finish state for devices that join it later.
			readDoc: (boardId, read) =>
				registry.readDoc(
					boardId,
					boards.read(db, boardId) ?? { locked: true, finished: true, phase: 'done' },
					read
				),
			boardChanged,
			disconnectActors(boardId, actorIds) {
				const room = registry.loaded(boardId);
				for (const actorId of actorIds) room?.disconnectActor(actorId, CLOSE.forbidden, 'access revoked');
				for (const actorId of actorIds)
					drafts.disconnect(boardId, actorId, CLOSE.forbidden, 'access revoked');
				if (io) disconnectSockets(io, boardId, actorIds);
			},
			rewriteDoc(boardId, change) {
				const board = boards.read(db, boardId);
				if (!board) return;
				const room = registry.open(boardId, board);
				try {
					room.change(change);
					store.replaceHistory(boardId, room.doc);
				} finally {
					registry.released(boardId);
				}
			},
			boardDeleted(boardId) {
				registry.discard(boardId, CLOSE.notFound, 'board deleted');
				io?.in(roomOf(boardId)).disconnectSockets(true);
			}
		},
		limiters: {
			loginPerAccount: new FailureLimiter(10, 15 * MINUTE),
			failuresPerAddress: new FailureLimiter(config.limits.failedAttemptsPerAddress, 15 * MINUTE)
		},
		metrics
	};
	setAppContext(context);
	const stopRetention = startRetention(context, (error) => log.error({ err: error }, 'retention run failed'));
	const stopLogCompaction = startLogCompaction(
		new LogCompactor(store, {
			retentionMs: config.logRetentionDays * 24 * 60 * MINUTE,
			isLive: (boardId) => registry.loaded(boardId) !== undefined
		}),
		(pass) => {
			if (pass.boards > 0 || pass.rowsDeleted > 0) log.info(pass, 'update logs of finished boards compacted');
		},
		(error) => log.error({ err: error }, 'log compaction failed')
	);

	return {
		context,
		registry,
		attach(httpServer) {
			yjs = createYjsEndpoint(
				context,
				registry,
				(reason, error) => {
					metrics.refused(reason);
					if (error) log.error({ err: error }, 'a Yjs message failed; its connection was closed');
					// Routine refusals (no session, unknown board) are counted, not logged at info.
					const hostile = reason === 'origin' || reason === 'rate_limited' || reason === 'too_large';
					log[hostile ? 'warn' : 'debug']({ reason }, 'connection refused');
				},
				drafts
			);
			io = createSocketServer(httpServer, context, boardChanged, registry, log, drafts);
			httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
				if (request.url?.startsWith(YJS_PATH_PREFIX)) yjs!.handleUpgrade(request, socket, head);
			});
		},
		async shutdown() {
			stopRetention();
			stopLogCompaction();
			registry.closeAll(CLOSE.shuttingDown, 'server restarting');
			drafts.closeAll(CLOSE.shuttingDown, 'server restarting');
			yjs?.close();
			await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
			db.close();
			setAppContext(undefined);
		}
	};
}
