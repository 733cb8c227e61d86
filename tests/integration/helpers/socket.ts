/** socket.io clients as the board page opens them: the board in the handshake, the cookie in a header. */
import { io, type Socket } from 'socket.io-client';
import type { Ack, BoardStatePayload } from '../../../src/lib/realtime/events';
import type { BoardRole } from '../../../src/lib/board/permissions';
import type { RunningServer } from './server';

export interface Welcome {
	role: BoardRole;
	actorId: string;
	actorName: string | null;
}

export interface BoardSocketClient {
	socket: Socket;
	welcome: Welcome;
	/** Every `board:state` received, in order (the first one arrives on connect). */
	states: BoardStatePayload[];
	emit(event: string, payload: unknown): Promise<Ack>;
	close(): void;
}

function open(server: RunningServer, boardId: unknown, cookie?: string): Socket {
	return io(server.url, {
		auth: { boardId },
		extraHeaders: cookie ? { cookie } : {},
		transports: ['websocket'],
		reconnection: false,
		forceNew: true
	});
}

/**
 * Connects and waits for the welcome and the first board state. `prepare` runs
 * before the connection opens, e.g. to record events the server sends on connect.
 */
export function connectSocket(
	server: RunningServer,
	boardId: string,
	cookie: string,
	prepare?: (socket: Socket) => void
): Promise<BoardSocketClient> {
	const socket = open(server, boardId, cookie);
	prepare?.(socket);
	const states: BoardStatePayload[] = [];
	socket.on('board:state', (state: BoardStatePayload) => states.push(state));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.close();
			reject(new Error('no session:welcome and board:state within 10 s'));
		}, 10_000);
		let welcome: Welcome | undefined;
		const ready = () => {
			if (!welcome || states.length === 0) return;
			clearTimeout(timer);
			resolve({
				socket,
				welcome,
				states,
				emit: (event, payload) =>
					new Promise<Ack>((resolveAck, rejectAck) => {
						socket.timeout(10_000).emit(event, payload, (error: Error | null, ack: Ack) => {
							if (error) rejectAck(error);
							else resolveAck(ack);
						});
					}),
				close: () => socket.close()
			});
		};
		socket.on('session:welcome', (value: Welcome) => {
			welcome = value;
			ready();
		});
		socket.on('board:state', ready);
		socket.on('connect_error', (error) => {
			clearTimeout(timer);
			socket.close();
			reject(error);
		});
	});
}

/** The `connect_error` of a handshake the server refuses (rejects if it connects instead). */
export function connectError(server: RunningServer, boardId: unknown, cookie?: string): Promise<Error> {
	const socket = open(server, boardId, cookie);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.close();
			reject(new Error('neither connected nor refused within 10 s'));
		}, 10_000);
		socket.on('connect', () => {
			clearTimeout(timer);
			socket.close();
			reject(new Error('the handshake was accepted'));
		});
		socket.on('connect_error', (error) => {
			clearTimeout(timer);
			socket.close();
			resolve(error);
		});
	});
}
