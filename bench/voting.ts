/**
 * Dot voting as participants do it: a socket.io connection each (the board in
 * the handshake, the cookie in a header), then their dots one by one on cards
 * of the board, a few seconds apart. The delay until the server's answer is
 * what a participant feels.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../src/lib/realtime/events';
import { now } from './typist';

export interface VoteOutcome {
	latencies: number[];
	accepted: number;
	refused: Record<string, number>;
}

/** Connects a board's socket.io channel with a session cookie; resolves once connected. */
export function connectBoardSocket(httpUrl: string, boardId: string, cookie: string): Promise<Socket> {
	const socket = io(httpUrl, {
		auth: { boardId },
		extraHeaders: { cookie },
		transports: ['websocket'],
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => reject(error));
	});
}

export function command(socket: Socket, event: string, input: unknown): Promise<Ack> {
	return new Promise((resolve) => socket.emit(event, input, resolve));
}

function pause([low, high]: [number, number]): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, low + Math.random() * (high - low)));
}

/** Places `dots` dots on random targets, one after another with a pause before each, until `until`. */
export async function castDots(
	socket: Socket,
	targets: string[],
	dots: number,
	pauseMs: [number, number],
	until: number,
	outcome: VoteOutcome
): Promise<void> {
	for (let dot = 0; dot < dots; dot++) {
		await pause(pauseMs);
		if (Date.now() >= until) return;
		const targetId = targets[Math.floor(Math.random() * targets.length)];
		const sent = now();
		const answer = await command(socket, 'vote:cast', { targetId });
		outcome.latencies.push(now() - sent);
		if (answer.ok) outcome.accepted++;
		else outcome.refused[answer.error.code] = (outcome.refused[answer.error.code] ?? 0) + 1;
	}
}
