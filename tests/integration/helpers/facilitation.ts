/** socket.io clients that keep every event they receive, including those the server sends on connect. */
import { expect } from 'vitest';
import { Device } from './http';
import { boardWithParticipants, type BoardJson, type Facilitator, type Participant } from './flows';
import { connectSocket, type BoardSocketClient } from './socket';
import { waitFor } from './yjs';
import type { RunningServer } from './server';
import type { LiveStage } from './stage';

export interface RecordingClient extends BoardSocketClient {
	/** Every event received, in order, with its payload. */
	events: Array<{ event: string; payload: unknown }>;
	/** Payloads of one event, in order. */
	all<T = unknown>(event: string): T[];
	/** How many events arrived so far: pass it to `next` to look only at later ones. */
	mark(): number;
	/** The latest payload of an event received after `since`, once one arrives that passes `test`. */
	next<T = unknown>(event: string, test?: (payload: T) => boolean, since?: number): Promise<T>;
}

export async function connectRecording(
	server: RunningServer,
	boardId: string,
	cookie: string
): Promise<RecordingClient> {
	const events: RecordingClient['events'] = [];
	const client = await connectSocket(server, boardId, cookie, (socket) =>
		socket.onAny((event: string, payload: unknown) => events.push({ event, payload }))
	);
	const after = <T>(event: string, since: number) =>
		events
			.slice(since)
			.filter((entry) => entry.event === event)
			.map((entry) => entry.payload as T);
	return {
		...client,
		events,
		all: (event) => after(event, 0),
		mark: () => events.length,
		next: <T>(event: string, test: (payload: T) => boolean = () => true, since = 0) =>
			waitFor(() => after<T>(event, since).findLast(test), event)
	};
}

export interface FacilitatedBoard {
	owner: Facilitator & { board: BoardJson; meetingId: string };
	amira: Participant;
	ownerSocket: RecordingClient;
	amiraSocket: RecordingClient;
}

/** A facilitator's board that Amira joined, each of them with a recording socket on it, closed with the stage's clients. */
export async function facilitatedBoard(stage: LiveStage): Promise<FacilitatedBoard> {
	const {
		owner,
		participants: [amira]
	} = await boardWithParticipants(stage.server, 'Amira');
	const record = async (cookie: string) =>
		stage.track(await connectRecording(stage.server, owner.board.id, cookie));
	return {
		owner,
		amira,
		ownerSocket: await record(owner.device.cookie),
		amiraSocket: await record(amira.device.cookie)
	};
}

/**
 * `sender` sends a command that must be accepted; answers the `event` that
 * `receiver` got for it (the latest, should several have arrived since it was sent).
 */
export async function commandReceived<T>(
	sender: RecordingClient,
	command: string,
	payload: unknown,
	receiver: RecordingClient,
	event: string
): Promise<T> {
	const since = receiver.mark();
	expect(await sender.emit(command, payload), command).toEqual({ ok: true });
	return receiver.next<T>(event, () => true, since);
}

/** A form action posted the way the board pages post it (SvelteKit checks the Origin of forms). */
export function postForm(device: Device, path: string, fields: Record<string, string> = {}) {
	return device.request('POST', path, undefined, {
		raw: new URLSearchParams(fields).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: device.baseUrl,
			// A browser without JavaScript: SvelteKit answers with the page or a redirect, not JSON.
			accept: 'text/html'
		}
	});
}

/** The owner creates a share link on the board's share page; answers the link shown once. */
export async function createShareLink(
	owner: Device,
	boardId: string,
	kind: 'cofacilitator' | 'viewer'
): Promise<string> {
	const response = await postForm(owner, `/boards/${boardId}/share?/create`, { kind });
	expect(response.status, response.text.slice(0, 300)).toBe(200);
	const path = kind === 'viewer' ? 'view' : 'cofacilitate';
	const url = response.text.match(new RegExp(`https?://[^"<\\s]+/${path}/[a-z0-9]+`))?.[0];
	expect(url, 'the new link on the share page').toBeDefined();
	return url!;
}

/** The ids of the board's standing links, as the owner's share page lists them. */
export async function shareLinkIds(owner: Device, boardId: string): Promise<string[]> {
	const page = await owner.get(`/boards/${boardId}/share`);
	expect(page.status).toBe(200);
	return [...page.text.matchAll(/name="linkId" value="([a-z0-9]+)"/g)].map((match) => match[1]);
}

export async function revokeShareLink(owner: Device, boardId: string, linkId: string): Promise<void> {
	const response = await postForm(owner, `/boards/${boardId}/share?/revoke`, { linkId });
	expect(response.status, response.text.slice(0, 300)).toBe(200);
}

/** A fresh device opens a viewer link, as the projector's laptop does. */
export async function viewerDevice(server: RunningServer, link: string): Promise<Device> {
	const device = new Device(server.url);
	const response = await device.get(new URL(link).pathname);
	expect(response.status, response.text.slice(0, 300)).toBe(200);
	expect(device.cookie).not.toBe('');
	return device;
}
