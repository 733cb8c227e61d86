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
import type { Board } from '../src/lib/server/repositories/boards';
import { BoardRegistry } from './yjs/board-registry';
import { createYjsEndpoint, YJS_PATH_PREFIX, type YjsEndpoint } from './yjs/upgrade';
import { CLOSE } from './yjs/close-codes';
import { createSocketServer, roomOf, type BoardIo } from './realtime/socket-server';
import { boardStatePayload } from '../src/lib/server/board-state';
import type { Logger } from './log';

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
	const registry = new BoardRegistry(store, {
		limits: {
			maxCardText: config.limits.maxCardText,
			maxTitle: config.limits.maxTitle,
			maxCards: LIMITS.cardsPerBoard,
			compactAfterUpdates: config.compactAfterUpdates
		},
		unloadIdleMs: config.unloadIdleMs,
		events: {
			refused(boardId, actor, reason) {
				log.warn({ boardId, actorId: actor.id, role: actor.role, reason }, 'update refused');
			},
			persisted() {}
		}
	});
	let io: BoardIo | undefined;
	let yjs: YjsEndpoint | undefined;

	function boardChanged(board: Board): void {
		registry.loaded(board.id)?.setState(board);
		io?.to(roomOf(board.id)).emit('board:state', boardStatePayload(board));
	}

	const context: AppContext = {
		config,
		db,
		store,
		live: {
			readDoc: (boardId, read) => registry.readDoc(boardId, { locked: false, finished: false }, read),
			boardChanged
		},
		limiters: {
			loginPerAccount: new FailureLimiter(10, 15 * MINUTE),
			failuresPerAddress: new FailureLimiter(config.limits.failedAttemptsPerAddress, 15 * MINUTE)
		}
	};
	setAppContext(context);

	return {
		context,
		registry,
		attach(httpServer) {
			yjs = createYjsEndpoint(context, registry);
			io = createSocketServer(httpServer, context, boardChanged);
			httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
				if (request.url?.startsWith(YJS_PATH_PREFIX)) yjs!.handleUpgrade(request, socket, head);
			});
		},
		async shutdown() {
			registry.closeAll(CLOSE.shuttingDown, 'server restarting');
			yjs?.close();
			await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
			db.close();
			setAppContext(undefined);
		}
	};
}
