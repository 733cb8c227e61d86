/**
 * A device that reconnects (e.g. after a server restart) sends what it typed
 * offline in its sync reply, but the stock client sends a new keystroke as soon
 * as the socket opens: that change can arrive first, before what it builds on.
 * It must not be refused (4422 would make the device drop its offline work).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { cardText } from '../../src/lib/board/cards';
import { facilitatorWithBoard, join } from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { connectSynced, sleep, updateMessage, waitFor } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.stop();
});

function syncStep2(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

describe('a change that arrives before the offline changes it builds on', () => {
	it('is kept, not refused: the sync reply that follows brings both', async () => {
		const { board } = await facilitatorWithBoard(server);
		const amira = await join(server, board.joinCode, 'Amira');
		const observer = await connectSynced(
			server,
			board.id,
			(await join(server, board.joinCode, 'Olga')).device.cookie
		);
		const device = await connectSynced(server, board.id, amira.device.cookie);
		const cardId = writeCard(device.doc, amira, 'challenge', 'Licht');
		await waitFor(() => findCard(observer.doc, cardId), 'the card at Olga');
		const serverState = Y.encodeStateVector(observer.doc);
		device.destroy();

		// Offline: two keystrokes, the second building on the first.
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(observer.doc));
		const keystrokes: Uint8Array[] = [];
		offline.on('update', (update: Uint8Array) => keystrokes.push(update));
		cardText(offline, cardId)!.insert(5, ' am Bahnhof');
		cardText(offline, cardId)!.insert(16, '!');
		expect(keystrokes).toHaveLength(2);

		const ws = new WebSocket(`${server.wsUrl}/yjs/${board.id}`, { headers: { cookie: amira.device.cookie } });
		const closed: number[] = [];
		ws.on('close', (code) => closed.push(code));
		await new Promise((resolve) => ws.once('open', resolve));
		try {
			// The newest keystroke first, then the sync reply with everything the server lacks.
			ws.send(updateMessage(keystrokes[1]));
			await sleep(100);
			ws.send(syncStep2(Y.encodeStateAsUpdate(offline, serverState)));
			await waitFor(
				() => findCard(observer.doc, cardId)?.text === 'Licht am Bahnhof!',
				'both keystrokes at Olga'
			);
			expect(closed).toEqual([]);
		} finally {
			ws.close();
			observer.destroy();
		}
	});
});
