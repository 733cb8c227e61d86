/**
 * A whole venue behind one public address: 500 devices join within a minute
 * from the same address and stay connected to the board's Yjs channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Device } from './helpers/http';
import { facilitatorWithBoard } from './helpers/flows';
import { writeCard } from './helpers/board';
import { connectSynced, sleep, waitFor } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';

const DEVICES = 500;

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.stop();
});

/** An open Yjs connection that only counts what it receives (a stock client would do the same work). */
interface Channel {
	ws: WebSocket;
	received: () => number;
}

function openChannel(boardId: string, cookie: string): Promise<Channel> {
	return new Promise((resolve, reject) => {
		let received = 0;
		const ws = new WebSocket(`${server.wsUrl}/yjs/${boardId}`, { headers: { cookie } });
		ws.on('message', () => received++);
		ws.once('open', () => resolve({ ws, received: () => received }));
		ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
		ws.once('error', reject);
	});
}

describe('one public address for a whole venue', () => {
	it(`${DEVICES} devices join within a minute and stay connected`, async () => {
		const facilitator = await facilitatorWithBoard(server);
		const started = Date.now();
		const devices: Device[] = [];
		const ids = new Set<string>();
		// In waves, as people scan the QR code.
		for (let wave = 0; wave < DEVICES / 50; wave++) {
			const joined = await Promise.all(
				Array.from({ length: 50 }, async (_, i) => {
					const device = new Device(server.url);
					const response = await device.post('/api/v1/join', {
						code: facilitator.board.joinCode,
						name: `Gast ${wave * 50 + i}`
					});
					expect(response.status, response.text).toBe(200);
					return { device, id: response.body.participant.id as string };
				})
			);
			for (const { device, id } of joined) {
				devices.push(device);
				ids.add(id);
			}
		}
		expect(ids.size).toBe(DEVICES);
		expect(Date.now() - started).toBeLessThan(60_000);

		const channels: Channel[] = [];
		for (let wave = 0; wave < DEVICES / 50; wave++) {
			channels.push(
				...(await Promise.all(
					devices
						.slice(wave * 50, wave * 50 + 50)
						.map((device) => openChannel(facilitator.board.id, device.cookie))
				))
			);
		}
		try {
			await sleep(300);
			expect(channels.every(({ ws }) => ws.readyState === WebSocket.OPEN)).toBe(true);
			// A card from the facilitator reaches every one of them.
			const before = channels.map(({ received }) => received());
			const writer = await connectSynced(server, facilitator.board.id, facilitator.device.cookie);
			writeCard(
				writer.doc,
				{ id: facilitator.user.id, name: facilitator.user.name },
				'challenge',
				'Willkommen!'
			);
			await waitFor(
				() => channels.every(({ received }, i) => received() > before[i]),
				'the card at every device',
				20_000
			);
			writer.destroy();
			expect(channels.every(({ ws }) => ws.readyState === WebSocket.OPEN)).toBe(true);
		} finally {
			for (const { ws } of channels) ws.terminate();
		}
	}, 90_000);
});
