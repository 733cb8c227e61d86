/**
 * A restart with 200 devices on one board, some of them offline with edits of
 * their own, others writing while the server is away: afterwards every device
 * holds the same document, and it holds every card and edit anyone made.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardText } from '../../src/lib/board/cards';
import { readBoard } from '../../src/lib/board/read';
import { facilitatorWithBoard, join, type Participant } from '../integration/helpers/flows';
import { writeCard } from '../integration/helpers/board';
import { integrityCheck } from '../integration/helpers/database';
import { connectSynced, waitFor, type YjsClient } from '../integration/helpers/yjs';
import { startServer, type RunningServer } from '../integration/helpers/server';

const DEVICES = 200;
/** Devices that go offline before the restart and write there. */
const OFFLINE = 40;
/** Devices that write while the server is down. */
const DURING_RESTART = 50;

interface Device {
	participant: Participant;
	client: YjsClient;
	/** Ids of the cards this device wrote, and the text each must end with. */
	cards: Map<string, string>;
}

/** In batches, so that a whole hall arriving does not time out the test's own connections. */
async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	for (let start = 0; start < items.length; start += size) {
		results.push(...(await Promise.all(items.slice(start, start + size).map(run))));
	}
	return results;
}

function write(device: Device, text: string): void {
	const id = writeCard(device.client.doc, device.participant, 'challenge', text);
	device.cards.set(id, text);
}

function edit(device: Device, suffix: string): void {
	const [id, text] = [...device.cards][0];
	const yText = cardText(device.client.doc, id)!;
	yText.insert(yText.length, suffix);
	device.cards.set(id, text + suffix);
}

describe.each([
	['a graceful restart (SIGTERM)', 'SIGTERM'],
	['a crash and restart (SIGKILL)', 'SIGKILL']
] as const)('%s with 200 devices connected', (_name, signal) => {
	it('all converge to the same document and nothing is lost', async () => {
		let server: RunningServer | undefined = await startServer();
		const devices: Device[] = [];
		try {
			const facilitator = await facilitatorWithBoard(server);
			const { board } = facilitator;
			const running = server;
			const participants = await inBatches(
				Array.from({ length: DEVICES }, (_, i) => i),
				50,
				(i) => join(running, board.joinCode, `Gerät ${i}`)
			);
			const clients = await inBatches(participants, 25, (participant) =>
				connectSynced(running, board.id, participant.device.cookie)
			);
			for (const [i, client] of clients.entries()) {
				devices.push({ participant: participants[i], client, cards: new Map() });
			}
			for (const [i, device] of devices.entries()) write(device, `Online ${i}`);
			await waitFor(
				() => devices.every(({ client }) => client.doc.getMap('cards').size === DEVICES),
				'every online card at every device',
				120_000
			);

			// Some devices lose the venue Wi-Fi and keep writing.
			const offline = devices.slice(0, OFFLINE);
			for (const [i, device] of offline.entries()) {
				device.client.provider.disconnect();
				write(device, `Offline ${i}`);
				edit(device, ' (offline ergänzt)');
			}

			if (signal === 'SIGKILL') expect((await server.kill()).signal).toBe('SIGKILL');
			else expect((await server.stop()).code).toBe(0);
			// Held back while the server is away, so that no retry reaches another server on the freed port.
			for (const { client } of devices) client.provider.disconnect();
			expect(integrityCheck(server.databaseFile)).toBe('ok');

			// Others write while the server is down.
			for (const [i, device] of devices.slice(OFFLINE, OFFLINE + DURING_RESTART).entries()) {
				write(device, `Während des Neustarts ${i}`);
				edit(device, ' (beim Neustart ergänzt)');
			}

			server = await startServer({ dataDir: server.dataDir });
			for (const { client } of devices) {
				client.provider.serverUrl = `${server.wsUrl}/yjs`;
				client.provider.connect();
			}
			await waitFor(
				() => devices.every(({ client }) => client.provider.synced && client.provider.wsconnected),
				'every device to reconnect',
				120_000
			);
			const expectedCards = DEVICES + OFFLINE + DURING_RESTART;
			await waitFor(
				() => devices.every(({ client }) => client.doc.getMap('cards').size === expectedCards),
				`all ${expectedCards} cards at every device`,
				120_000
			);

			const fresh = await connectSynced(server, board.id, facilitator.device.cookie);
			try {
				const expected = readBoard(fresh.doc);
				expect(expected.cards).toHaveLength(expectedCards);
				const texts = new Map(expected.cards.map((card) => [card.id, card.text]));
				for (const device of devices) {
					for (const [id, text] of device.cards) expect(texts.get(id), id).toBe(text);
				}
				const vector = Y.encodeStateVector(fresh.doc).join();
				await waitFor(
					() => devices.every(({ client }) => Y.encodeStateVector(client.doc).join() === vector),
					'every device to hold the same document',
					60_000
				);
				for (const { client } of devices) expect(readBoard(client.doc)).toEqual(expected);
				const final = devices
					.flatMap(({ client }) => client.closeCodes)
					.filter((code) => code >= 4400 && code < 4500);
				expect(final).toEqual([]);
			} finally {
				fresh.destroy();
			}
			expect((await server.stop()).code).toBe(0);
			expect(integrityCheck(server.databaseFile)).toBe('ok');
		} finally {
			for (const { client } of devices) client.destroy();
			await server?.stop();
		}
	});
});
