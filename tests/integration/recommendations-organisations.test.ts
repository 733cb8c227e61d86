/**
 * Recommendations and organisations: the facilitator adds the recommendation
 * column; participants write recommendations (with their sources) only in the
 * recommend phase; only facilitators learn which organisation wrote what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard } from '../../src/lib/board/cards';
import { newId } from '../../src/lib/board/ids';
import { readBoard } from '../../src/lib/board/read';
import { columnId, findCard, writeCard } from './helpers/board';
import { fingerprint, readStoredBoard } from './helpers/database';
import { connectSynced, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';
import {
	connectRecording,
	expectAccepted,
	expectRefused,
	goToPhase,
	joinWithOrganisation,
	workshop,
	type RecordingSocket,
	type Workshop,
	closeAll
} from './helpers/workshop';
import type { Participant } from './helpers/flows';

let server: RunningServer;
const open: Array<{ close(): void } | YjsClient> = [];
let scene: Workshop;
let yusuf: Participant;
let anon: Participant;
let yusufSocket: RecordingSocket;
let yusufDoc: YjsClient;
let challenge: string;

beforeAll(async () => {
	server = await startServer();
	scene = await workshop(server);
	open.push(scene.facilitatorSocket);
	yusuf = await joinWithOrganisation(server, scene.board.joinCode, 'Yusuf', 'Kulturverein Nord');
	anon = await joinWithOrganisation(server, scene.board.joinCode, '', null);
	yusufSocket = await connectRecording(server, scene.board.id, yusuf.device.cookie);
	yusufDoc = await connectSynced(server, scene.board.id, yusuf.device.cookie);
	open.push(yusufSocket, yusufDoc);
	challenge = writeCard(yusufDoc.doc, yusuf, 'challenge', 'Zu wenig Räume');
	await yusufDoc.flush();
});

afterAll(async () => {
	closeAll(open);
	await server?.stop();
});

describe('recommendations', () => {
	it('only facilitators add the recommendation column, with a title', async () => {
		const before = fingerprint(server.databaseFile);
		expectRefused(
			await yusufSocket.emit('recommendations:add-column', { title: 'Empfehlungen' }),
			'forbidden'
		);
		expectRefused(
			await scene.facilitatorSocket.emit('recommendations:add-column', { title: ' ' }),
			'invalid_input'
		);
		expect(fingerprint(server.databaseFile)).toEqual(before);
	});

	it('adds the column once; every device gets it', async () => {
		const first = await scene.facilitatorSocket.emit('recommendations:add-column', { title: 'Empfehlungen' });
		expectAccepted(first);
		const again = await scene.facilitatorSocket.emit('recommendations:add-column', { title: 'Noch einmal' });
		expect(again).toEqual(first);
		const column = await waitFor(
			() => readBoard(yusufDoc.doc).columns.find((candidate) => candidate.kind === 'recommendation'),
			'the recommendation column on Yusuf’s device'
		);
		expect(column).toEqual({
			id: (first as unknown as { columnId: string }).columnId,
			kind: 'recommendation',
			title: 'Empfehlungen'
		});
	});

	it('a participant’s recommendation is refused outside the recommend phase', async () => {
		const client = await connectSynced(server, scene.board.id, yusuf.device.cookie);
		open.push(client);
		const id = newId();
		addCard(client.doc, {
			id,
			columnId: columnId(client.doc, 'recommendation'),
			text: 'Räume der Stadt öffnen',
			authorId: yusuf.id,
			authorName: 'Yusuf',
			createdAt: Date.now(),
			sources: [challenge]
		});
		expect(await client.closed()).toBe(4422);
		expect(findCard(readStoredBoard(server.databaseFile, scene.board.id), id)).toBeUndefined();
	});

	it('in the recommend phase a participant writes a recommendation that names its sources', async () => {
		await goToPhase(scene.facilitatorSocket, 'recommend');
		const id = newId();
		addCard(yusufDoc.doc, {
			id,
			columnId: columnId(yusufDoc.doc, 'recommendation'),
			text: 'Räume der Stadt öffnen',
			authorId: yusuf.id,
			authorName: 'Yusuf',
			createdAt: Date.now(),
			sources: [challenge]
		});
		await yusufDoc.flush();
		expect(findCard(readStoredBoard(server.databaseFile, scene.board.id), id)?.sources).toEqual([challenge]);
	});
});

describe('organisations', () => {
	it('participants never learn who belongs to which organisation', async () => {
		expectRefused(await yusufSocket.emit('organisations:list', {}), 'forbidden');
		expect(JSON.stringify([...yusufSocket.events.entries()])).not.toContain('Kulturverein');
	});

	it('facilitators get each participant’s organisation, for those who gave one', async () => {
		const ack = await scene.facilitatorSocket.emit('organisations:list', {});
		expect(ack).toEqual({ ok: true, organisations: { [yusuf.id]: 'Kulturverein Nord' } });
		expect(Object.keys((ack as unknown as { organisations: object }).organisations)).not.toContain(anon.id);
	});
});
