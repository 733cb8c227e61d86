/**
 * Steps the live-facilitation tests share: a board with a facilitator and
 * participants connected over socket.io, moving through the default plan, and
 * recorders for the events each device receives.
 */
import { expect } from 'vitest';
import type { Ack } from '../../../src/lib/realtime/events';
import { DEFAULT_PLAN, type Phase } from '../../../src/lib/board/phases';
import { Device } from './http';
import {
	expectStatus,
	facilitatorWithBoard,
	type BoardJson,
	type Facilitator,
	type Participant
} from './flows';
import { authorOf, writeCard } from './board';
import { connectSocket, type BoardSocketClient } from './socket';
import type { RunningServer } from './server';
import type { LiveStage } from './stage';
import { waitFor, type YjsClient } from './yjs';

/** Joins with a name and an organisation from a new device. */
async function joinWithOrganisation(
	server: RunningServer,
	code: string,
	name: string,
	organisation: string | null
): Promise<Participant> {
	const device = new Device(server.url);
	const response = await device.post('/api/v1/join', { code, name, organisation });
	expectStatus(response, 200);
	return { device, id: response.body.participant.id, name, boardId: response.body.boardId };
}

/** Every payload of `event` a socket received, in order, from the moment this is called. */
export function record<T = unknown>(client: BoardSocketClient, event: string): T[] {
	const received: T[] = [];
	client.socket.on(event, (payload: T) => received.push(payload));
	return received;
}

/**
 * A socket whose every event is recorded from the start: state sent on connect
 * (votes, private writing) arrives together with the welcome.
 */
export interface RecordingSocket extends BoardSocketClient {
	events: Map<string, unknown[]>;
	/** The latest payload of `event`, waiting for one to arrive if none has. */
	latest<T>(event: string, what?: string): Promise<T>;
	/** Resolves once `check` holds for the latest payload of `event`. */
	until<T>(event: string, check: (payload: T) => boolean, what?: string): Promise<T>;
}

export async function connectRecording(
	server: RunningServer,
	boardId: string,
	cookie: string
): Promise<RecordingSocket> {
	const events = new Map<string, unknown[]>();
	const client = await connectSocket(server, boardId, cookie, (socket) =>
		socket.onAny((event: string, payload: unknown) => {
			events.set(event, [...(events.get(event) ?? []), payload]);
		})
	);
	const last = <T>(event: string) => events.get(event)?.at(-1) as T | undefined;
	return {
		...client,
		events,
		latest: <T>(event: string, what = event) => waitFor(() => last<T>(event), what),
		until: <T>(event: string, check: (payload: T) => boolean, what = event) =>
			waitFor(() => {
				const payload = last<T>(event);
				return payload !== undefined && check(payload) ? payload : undefined;
			}, what)
	};
}

export function expectRefused(ack: Ack, code: string): void {
	expect(ack, JSON.stringify(ack)).toEqual({ ok: false, error: { code, message: expect.any(String) } });
}

export function expectAccepted(ack: Ack): void {
	expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
}

/** Moves the board to the first step of the default plan that is `phase`. */
export async function goToPhase(facilitator: BoardSocketClient, phase: Phase): Promise<void> {
	expectAccepted(await facilitator.emit('phase:go', { index: DEFAULT_PLAN.indexOf(phase) }));
}

/** A facilitator's board on the stage's server, with the facilitator's socket recording; clients close with the stage's. */
export interface Workshop {
	facilitator: Facilitator & { board: BoardJson };
	board: BoardJson;
	facilitatorSocket: RecordingSocket;
	/** Joins the board from a new device, naming an organisation or none. */
	join(name: string, organisation?: string | null): Promise<Participant>;
	/** A socket on the board for `who`, recording every event from the start. */
	record(who: { device: Device }): Promise<RecordingSocket>;
	/** The board's document on `who`'s device, synced. */
	document(who: { device: Device }): Promise<YjsClient>;
	/** Challenges the facilitator writes; answers their ids once the server has them. */
	challenges(texts: string[]): Promise<string[]>;
}

export async function workshop(stage: LiveStage): Promise<Workshop> {
	const { server } = stage;
	const facilitator = await facilitatorWithBoard(server);
	const { board } = facilitator;
	const record = async (who: { device: Device }) =>
		stage.track(await connectRecording(server, board.id, who.device.cookie));
	const document = (who: { device: Device }) => stage.yjs(board.id, who.device.cookie);
	return {
		facilitator,
		board,
		facilitatorSocket: await record(facilitator),
		join: (name, organisation = null) => joinWithOrganisation(server, board.joinCode, name, organisation),
		record,
		document,
		async challenges(texts) {
			const writer = await document(facilitator);
			const ids = texts.map((text) => writeCard(writer.doc, authorOf(facilitator), 'challenge', text));
			await writer.flush();
			return ids;
		}
	};
}
