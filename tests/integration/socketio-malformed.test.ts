/**
 * Hand-made socket.io packets on a raw engine.io WebSocket: broken JSON, wrong
 * shapes, unknown types, binary garbage, oversized packets. The server stays
 * up, the sender at most loses its own connection, and the other devices on
 * the board carry on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { boardWithParticipants, type BoardScene, type Participant } from './helpers/flows';
import { Device } from './helpers/http';
import type { BoardSocketClient } from './helpers/socket';
import { useStage } from './helpers/stage';

const stage = useStage();
let owner: BoardScene['owner'];
let hostile: Participant;
let bystander: BoardSocketClient;

beforeAll(async () => {
	({
		owner,
		participants: [hostile]
	} = await boardWithParticipants(stage.server, 'Mallory'));
	bystander = await stage.socket(owner.board.id, owner.device.cookie);
});

interface RawSocketIo {
	ws: WebSocket;
	/** Text packets received after the handshake. */
	received: string[];
	closed: Promise<number>;
}

/** Opens engine.io over WebSocket and connects to the default namespace with the board in `auth`. */
async function rawSocketIo(cookie: string): Promise<RawSocketIo> {
	const ws = new WebSocket(`${stage.server.wsUrl}/socket.io/?EIO=4&transport=websocket`, {
		headers: { cookie }
	});
	const received: string[] = [];
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		ws.on('error', reject);
		ws.on('message', (data, isBinary) => {
			const text = isBinary ? '<binary>' : data.toString();
			// Engine.io ping: answer it like a client so that the connection stays up.
			if (text === '2') return ws.send('3');
			if (text.startsWith('0')) return ws.send(`40${JSON.stringify({ boardId: owner.board.id })}`);
			if (text.startsWith('40')) return resolve();
			received.push(text);
		});
	});
	return { ws, received, closed };
}

async function expectBoardStillWorks(): Promise<void> {
	expect(bystander.socket.connected).toBe(true);
	expect(await bystander.emit('board:rename', { title: `Noch da ${Date.now()}` })).toEqual({ ok: true });
	const health = await new Device(stage.server.url).get('/healthz');
	expect(health.status).toBe(200);
}

describe('malformed socket.io packets', () => {
	const packets: Array<[string, string | Buffer]> = [
		['an event with broken JSON', '42["board:rename",{"title":'],
		['an event that is not an array', '42{"title":"x"}'],
		['an event whose name is not a string', '42[123,{"title":"x"}]'],
		['an event with no name', '42[]'],
		['an unknown event', '42["nonsense:command",{}]'],
		['a command without an acknowledgement', '42["board:rename",{"title":"Ohne Antwort"}]'],
		['a command with a wrong payload and an ack id', '420["board:lock","yes"]'],
		['a command with an absurd ack id', '4299999999999999999999["board:lock",{"locked":true}]'],
		['a binary event that never sends its attachments', '451-["board:rename",{"_placeholder":true,"num":0}]'],
		['an unknown packet type', '49'],
		['an unknown engine.io packet type', '9garbage'],
		['an empty frame', ''],
		['binary garbage', Buffer.from([0xff, 0x00, 0x13, 0x37])],
		['a packet for an unknown namespace', '42/admin,["board:lock",{"locked":true}]']
	];

	it.each(packets)('%s: the server stays up and the board carries on', async (_name, packet) => {
		const raw = await rawSocketIo(hostile.device.cookie);
		raw.ws.send(packet);
		// Either the server drops the connection or ignores the packet; it must not reply with success.
		await Promise.race([raw.closed, new Promise((resolve) => setTimeout(resolve, 300))]);
		expect(raw.received.filter((text) => text.includes('"ok":true'))).toEqual([]);
		raw.ws.terminate();
		await expectBoardStillWorks();
	});

	it('a packet above the size limit closes only that connection', async () => {
		const raw = await rawSocketIo(hostile.device.cookie);
		raw.ws.send(`42["board:rename",{"title":"${'x'.repeat(200_000)}"}]`);
		expect(await raw.closed).toBeGreaterThan(0);
		await expectBoardStillWorks();
	});

	it('a participant’s hand-made command is still refused by role', async () => {
		const raw = await rawSocketIo(hostile.device.cookie);
		raw.ws.send('421["board:lock",{"locked":true}]');
		const deadline = Date.now() + 2000;
		while (!raw.received.some((text) => text.startsWith('431')) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		const ack = raw.received.find((text) => text.startsWith('431'));
		expect(ack && JSON.parse(ack.slice(3))).toEqual([
			{ ok: false, error: { code: 'forbidden', message: expect.any(String) } }
		]);
		raw.ws.terminate();
		expect(bystander.states.at(-1)?.locked).toBe(false);
	});
});
