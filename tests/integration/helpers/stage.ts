/**
 * The frame most test files share: one server for the file, started before its
 * first test and stopped after its last, and the live clients its tests open,
 * closed for them after each test or after the last.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectSocket, type BoardSocketClient } from './socket';
import { connectSynced, type YjsClient } from './yjs';
import { startServer, type RunningServer, type StartOptions } from './server';

type Closable = { close(): void } | { destroy(): void };

export class LiveStage {
	/** Replaced when a test restarts the server. */
	server!: RunningServer;
	private open: Closable[] = [];

	/** Closes `client` with the others; answers it. */
	track<T extends Closable>(client: T): T {
		this.open.push(client);
		return client;
	}

	/** A Yjs client whose document holds the server's state. */
	async yjs(boardId: string, cookie: string): Promise<YjsClient> {
		return this.track(await connectSynced(this.server, boardId, cookie));
	}

	/** A socket.io client that received its welcome and the board's state. */
	async socket(boardId: string, cookie: string): Promise<BoardSocketClient> {
		return this.track(await connectSocket(this.server, boardId, cookie));
	}

	closeClients(): void {
		const open = this.open;
		this.open = [];
		for (const client of open) {
			if ('destroy' in client) client.destroy();
			else client.close();
		}
	}
}

export interface StageOptions extends Pick<StartOptions, 'env'> {
	/** When the clients a test opened are closed: after each test, or (the default) after the file's last. */
	closeClients?: 'after-each' | 'after-all';
}

/** Registers the file's hooks (or the `describe` block's) around a new stage. */
export function useStage(options: StageOptions = {}): LiveStage {
	const stage = new LiveStage();
	beforeAll(async () => {
		stage.server = await startServer({ env: options.env });
	});
	if (options.closeClients === 'after-each') afterEach(() => stage.closeClients());
	afterAll(async () => {
		stage.closeClients();
		await stage.server?.stop();
	});
	return stage;
}
