import type * as Y from 'yjs';
import type { Config } from './config';
import type { Db } from './db/open';
import type { BoardStore } from './board-store';
import type { FailureLimiter } from './rate-limit';
import type { Board } from './repositories/boards';

/** What routes may ask of the live side (documents in memory, socket.io) without knowing it. */
export interface LiveBoards {
	/** Runs `read` over the board's current document, loading it if no one is connected. */
	readDoc<T>(boardId: string, read: (doc: Y.Doc) => T): T;
	/** Tells connected devices that the board's title, lock or phase changed. */
	boardChanged(board: Board): void;
	/** Closes these identities' live connections to the board at once: their access was taken back. */
	disconnectActors(boardId: string, actorIds: readonly string[]): void;
	/**
	 * Applies a change made by the server (sent like any edit), then replaces the
	 * board's stored history by the result, so that the values it overwrote are gone from storage.
	 */
	rewriteDoc(boardId: string, change: (doc: Y.Doc) => void): void;
	/** Closes every live connection to a board that was deleted and forgets its document unsaved. */
	boardDeleted(boardId: string): void;
}

export interface AppContext {
	config: Config;
	db: Db;
	store: BoardStore;
	live: LiveBoards;
	limiters: {
		loginPerAccount: FailureLimiter;
		failuresPerAddress: FailureLimiter;
	};
	/** The server's Prometheus metrics, rendered by `GET /metrics`. */
	metrics?: { contentType: string; render(): Promise<string> };
}

/**
 * The server entry creates the context once; SvelteKit's build bundles its own
 * copy of this module, so the context lives on a global symbol that both copies share.
 */
const KEY = Symbol.for('wedo-board.app-context');

type WithContext = typeof globalThis & { [KEY]?: AppContext };

export function setAppContext(context: AppContext | undefined): void {
	(globalThis as WithContext)[KEY] = context;
}

export function appContext(): AppContext {
	const context = (globalThis as WithContext)[KEY];
	if (!context)
		throw new Error('WeDo Board was started without its server (use `npm start` or `npm run dev`).');
	return context;
}
