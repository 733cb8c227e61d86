/**
 * How the server passes changes on when many people type at once: changes that
 * arrive together go out as one merged message, presence changes are gathered
 * for a moment, and a device's acknowledgement reply (which repeats its whole
 * delete set) is neither checked again nor stored.
 */
import type { Socket } from 'node:net';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { applyTextChange, cardText } from '../../src/lib/board/cards';
import { readBoard } from '../../src/lib/board/read';
import { boardWithParticipants, facilitatorWithBoard, join } from './helpers/flows';
import { findCard, writeCard } from './helpers/board';
import { sleep, updateMessage, waitFor } from './helpers/yjs';
import { useStage } from './helpers/stage';

/** Longer than the server gathers presence changes (PRESENCE_BATCH_MS) plus a round trip. */
const PRESENCE_SETTLED_MS = 600;
/** Longer than the server waits before it acknowledges (ACK_DELAY_MS) plus the device's reply. */
const ACK_SETTLED_MS = 600;

const stage = useStage({ closeClients: 'after-each' });

/** A bare socket that only records the type of each message it receives (0 sync, 1 presence). */
function listen(boardId: string, cookie: string): Promise<{ types: number[]; ws: WebSocket }> {
	return new Promise((resolve, reject) => {
		const types: number[] = [];
		const ws = new WebSocket(`${stage.server.wsUrl}/yjs/${boardId}`, { headers: { cookie } });
		ws.on('message', (data: Buffer) => types.push(data[0] === 0 ? data[1] * 10 : data[0]));
		ws.once('open', () => resolve({ types, ws }));
		ws.once('error', reject);
	});
}

const SYNC_UPDATE = 20;
const PRESENCE = 1;

function storedRows(boardId: string): number {
	const db = new Database(stage.server.databaseFile, { readonly: true });
	try {
		return (
			db.prepare('SELECT COUNT(*) AS n FROM board_updates WHERE board_id = ?').get(boardId) as { n: number }
		).n;
	} finally {
		db.close();
	}
}

describe('changes that arrive together', () => {
	it('reach the other devices as one merged message holding all of them', async () => {
		const {
			board,
			participants: [amira, bruno]
		} = await boardWithParticipants(stage.server, 'Amira', 'Bruno');
		const brunoClient = await stage.yjs(board.id, bruno.device.cookie);
		const watcher = await listen(board.id, bruno.device.cookie);

		// Twenty cards written offline, sent in one burst: they are read in one turn of the server's loop.
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(brunoClient.doc));
		const frames: Uint8Array[] = [];
		offline.on('update', (update: Uint8Array) => frames.push(updateMessage(update)));
		const ids = Array.from({ length: 20 }, (_, i) => writeCard(offline, amira, 'challenge', `Karte ${i}`));
		const sender = new WebSocket(`${stage.server.wsUrl}/yjs/${board.id}`, {
			headers: { cookie: amira.device.cookie }
		});
		const senderTypes: number[] = [];
		sender.on('message', (data: Buffer) => senderTypes.push(data[0] === 0 ? data[1] * 10 : data[0]));
		await new Promise((resolve) => sender.once('open', resolve));
		// One write for all twenty frames, so that the server reads them at once.
		const tcp = (sender as unknown as { _socket: Socket })._socket;
		tcp.cork();
		for (const frame of frames) sender.send(frame);
		tcp.uncork();

		try {
			await waitFor(() => ids.every((id) => findCard(brunoClient.doc, id)), 'all twenty cards at Bruno');
			expect(readBoard(brunoClient.doc).cards).toHaveLength(20);
			await sleep(ACK_SETTLED_MS);
			const updates = watcher.types.filter((type) => type === SYNC_UPDATE).length;
			expect(updates).toBeGreaterThan(0);
			expect(updates).toBeLessThan(20);
			// A lone sender does not get its own changes back (only the server's acknowledgement).
			expect(senderTypes.filter((type) => type === SYNC_UPDATE)).toEqual([]);
		} finally {
			sender.close();
			watcher.ws.close();
		}
	});
});

describe('presence', () => {
	it('changes of several devices at once reach a device in one message; a device that leaves disappears', async () => {
		const { board } = await facilitatorWithBoard(stage.server);
		const watcherParticipant = await join(stage.server, board.joinCode, 'Wanda');
		const watcher = await listen(board.id, watcherParticipant.device.cookie);
		const people = await Promise.all(
			['Amira', 'Bruno', 'Cem', 'Dana'].map((name) => join(stage.server, board.joinCode, name))
		);
		const connected = await Promise.all(people.map((person) => stage.yjs(board.id, person.device.cookie)));
		const observer = await stage.yjs(
			board.id,
			(await join(stage.server, board.joinCode, 'Olga')).device.cookie
		);
		await sleep(PRESENCE_SETTLED_MS);
		const before = watcher.types.filter((type) => type === PRESENCE).length;

		connected.forEach((client, i) =>
			client.provider.awareness.setLocalStateField('user', { id: people[i].id, name: people[i].name })
		);
		await waitFor(
			() => connected.every((client) => observer.provider.awareness.getStates().get(client.doc.clientID)),
			'the four presences at Olga'
		);
		await sleep(PRESENCE_SETTLED_MS);
		// One message, or two when the four changes straddle the end of a gathering period (each alone: four).
		expect(watcher.types.filter((type) => type === PRESENCE).length - before).toBeLessThanOrEqual(2);

		const leaving = connected[0].doc.clientID;
		connected[0].destroy();
		await waitFor(() => !observer.provider.awareness.getStates().has(leaving), 'Amira’s presence to go');
		watcher.ws.close();
	});

	it('a presence naming someone else is not seen, even after the server has sent on what it gathered', async () => {
		const {
			board,
			participants: [amira, bruno]
		} = await boardWithParticipants(stage.server, 'Amira', 'Bruno');
		const amiraClient = await stage.yjs(board.id, amira.device.cookie);
		const brunoClient = await stage.yjs(board.id, bruno.device.cookie);

		brunoClient.provider.awareness.setLocalStateField('user', { id: amira.id, name: 'Amira' });
		await sleep(PRESENCE_SETTLED_MS);
		const forged = amiraClient.provider.awareness.getStates().get(brunoClient.doc.clientID) as
			{ user?: { id: string } } | undefined;
		expect(forged?.user?.id).not.toBe(amira.id);
	});
});

describe('acknowledgement replies', () => {
	it('are not stored: after deletions the stock client’s reply repeats its delete set', async () => {
		const {
			board,
			participants: [amira]
		} = await boardWithParticipants(stage.server, 'Amira');
		const amiraClient = await stage.yjs(board.id, amira.device.cookie);
		const cardId = writeCard(amiraClient.doc, amira, 'challenge', 'Mehr Licht am Bahnhof');
		applyTextChange(cardText(amiraClient.doc, cardId)!, 'Licht am Bahnhof');
		await sleep(ACK_SETTLED_MS);
		const before = storedRows(board.id);

		// One keystroke is one stored update; the acknowledgement and its reply add nothing.
		cardText(amiraClient.doc, cardId)!.insert(0, 'Mehr ');
		await sleep(ACK_SETTLED_MS);
		expect(storedRows(board.id)).toBe(before + 1);
		expect(findCard(amiraClient.doc, cardId)?.text).toBe('Mehr Licht am Bahnhof');
	});
});
