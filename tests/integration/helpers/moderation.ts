/** The stage of the moderation tests: a board with a facilitator and two participants, Amira and Mallory. */
import { facilitatorWithBoard, join, type BoardJson, type Facilitator, type Participant } from './flows';
import { connectSocket, type BoardSocketClient } from './socket';
import { connectSynced, type YjsClient } from './yjs';
import type { RunningServer } from './server';

export interface ModerationScene {
	owner: Facilitator & { board: BoardJson };
	amira: Participant;
	mallory: Participant;
	facilitatorSocket: BoardSocketClient;
}

/** Opens live clients on the current server and closes them all after each test. */
export class ModerationStage {
	/** Replaced when a test restarts the server. */
	server!: RunningServer;
	private yjsClients: YjsClient[] = [];
	private sockets: BoardSocketClient[] = [];

	async yjs(boardId: string, cookie: string): Promise<YjsClient> {
		const client = await connectSynced(this.server, boardId, cookie);
		this.yjsClients.push(client);
		return client;
	}

	async socket(boardId: string, cookie: string): Promise<BoardSocketClient> {
		const client = await connectSocket(this.server, boardId, cookie);
		this.sockets.push(client);
		return client;
	}

	async scene(): Promise<ModerationScene> {
		const owner = await facilitatorWithBoard(this.server);
		const amira = await join(this.server, owner.board.joinCode, 'Amira');
		const mallory = await join(this.server, owner.board.joinCode, 'Mallory');
		return {
			owner,
			amira,
			mallory,
			facilitatorSocket: await this.socket(owner.board.id, owner.device.cookie)
		};
	}

	closeClients(): void {
		for (const client of this.yjsClients) client.destroy();
		for (const client of this.sockets) client.close();
		this.yjsClients = [];
		this.sockets = [];
	}
}
