/**
 * Recommendations and organisations: the facilitator adds the recommendation
 * column; participants write recommendations (with their sources) only in the
 * recommend phase; only facilitators learn which organisation wrote what.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addCard } from '../../src/lib/board/cards';
import { newId } from '../../src/lib/board/ids';
import { readBoard } from '../../src/lib/board/read';
import { columnId, findCard, writeCard } from './helpers/board';
import { fingerprint, readStoredBoard } from './helpers/database';
import { waitFor, type YjsClient } from './helpers/yjs';
import { useStage } from './helpers/stage';
import {
	expectAccepted,
	expectRefused,
	goToPhase,
	workshop,
	type RecordingSocket,
	type Workshop
} from './helpers/workshop';
import type { Participant } from './helpers/flows';

const stage = useStage();
let scene: Workshop;
let yusuf: Participant;
let anon: Participant;
let yusufSocket: RecordingSocket;
let yusufDoc: YjsClient;
let challenge: string;

beforeAll(async () => {
	scene = await workshop(stage);
	yusuf = await scene.join('Yusuf', 'Kulturverein Nord');
	anon = await scene.join('');
	yusufSocket = await scene.record(yusuf);
	yusufDoc = await scene.document(yusuf);
	challenge = writeCard(yusufDoc.doc, yusuf, 'challenge', 'Zu wenig Räume');
	await yusufDoc.flush();
});

describe('recommendations', () => {
	it('only facilitators add the recommendation column, with a title', async () => {
		const before = fingerprint(stage.server.databaseFile);
		expectRefused(
			await yusufSocket.emit('recommendations:add-column', { title: 'Empfehlungen' }),
			'forbidden'
		);
		expectRefused(
			await scene.facilitatorSocket.emit('recommendations:add-column', { title: ' ' }),
			'invalid_input'
		);
		expect(fingerprint(stage.server.databaseFile)).toEqual(before);
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
		const client = await scene.document(yusuf);
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
		expect(findCard(readStoredBoard(stage.server.databaseFile, scene.board.id), id)).toBeUndefined();
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
		expect(findCard(readStoredBoard(stage.server.databaseFile, scene.board.id), id)?.sources).toEqual([
			challenge
		]);
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
