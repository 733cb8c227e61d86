/**
 * Phases: the plan is stored and broadcast, a device that connects learns it at
 * once, and the server holds participants to what the current phase allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTextChange, cardText } from '../../src/lib/board/cards';
import type { Participant } from './helpers/flows';
import { authorOf, findCard, writeCard } from './helpers/board';
import { fingerprint, readStoredBoard } from './helpers/database';
import {
	commandReceived,
	connectRecording,
	facilitatedBoard,
	type FacilitatedBoard,
	type RecordingClient
} from './helpers/facilitation';
import { connectSynced, sleep, waitFor, type YjsClient } from './helpers/yjs';
import { useStage } from './helpers/stage';
import type { BoardStatePayload } from '../../src/lib/realtime/events';

const PLAN = ['collect', 'cluster', 'vote', 'collect', 'recommend', 'done'];

const stage = useStage();
let owner: FacilitatedBoard['owner'];
let amira: Participant;
let ownerSocket: RecordingClient;
let amiraSocket: RecordingClient;
let ownerDoc: YjsClient;

beforeAll(async () => {
	({ owner, amira, ownerSocket, amiraSocket } = await facilitatedBoard(stage));
	ownerDoc = await stage.yjs(owner.board.id, owner.device.cookie);
});

async function goTo(index: number, phase: string): Promise<void> {
	const state = await commandReceived<BoardStatePayload>(
		ownerSocket,
		'phase:go',
		{ index },
		amiraSocket,
		'board:state'
	);
	expect(state).toMatchObject({ phaseIndex: index, phase });
	const board = (await owner.device.get(`/api/v1/boards/${owner.board.id}`)).body.board;
	expect(board.phase).toBe(phase);
}

describe('the plan', () => {
	it('a new board follows the default plan from its first step, not yet started', () => {
		expect(amiraSocket.states[0]).toMatchObject({
			phase: 'collect',
			plan: ['collect', 'cluster', 'vote', 'recommend', 'done'],
			phaseIndex: 0,
			phaseStartedAt: null
		});
	});

	it('takes building blocks in any order, repeated, and everyone receives it', async () => {
		expect(await ownerSocket.emit('phase:set-plan', { phases: PLAN })).toEqual({ ok: true });
		const state = await amiraSocket.next<BoardStatePayload>('board:state', (s) => s.plan.length === 6);
		expect(state).toMatchObject({ plan: PLAN, phaseIndex: 0, phase: 'collect' });
	});

	it('moves from step to step; each step is stored with the moment it began', async () => {
		const before = Date.now();
		await goTo(2, 'vote');
		const state = amiraSocket.states.at(-1)!;
		expect(state.phaseStartedAt).toBeGreaterThanOrEqual(before - 1000);
		await goTo(3, 'collect');
	});

	it('a device that connects now learns the plan and the step at once', async () => {
		const late = await connectRecording(stage.server, owner.board.id, amira.device.cookie);
		expect(late.states[0]).toMatchObject({ plan: PLAN, phaseIndex: 3, phase: 'collect' });
		late.close();
	});

	it('refuses bad plans and steps with invalid_input and changes nothing', async () => {
		const stored = fingerprint(stage.server.databaseFile);
		for (const [event, payload] of [
			['phase:set-plan', { phases: [] }],
			['phase:set-plan', { phases: ['collect', 'discuss'] }],
			['phase:set-plan', { phases: Array(21).fill('vote') }],
			['phase:set-plan', { phases: ['vote'], index: 1 }],
			['phase:set-plan', 'vote'],
			['phase:go', { index: 6 }],
			['phase:go', { index: -1 }],
			['phase:go', { index: 1.5 }],
			['phase:go', { index: '2' }],
			['phase:go', {}]
		] as const) {
			expect(await ownerSocket.emit(event, payload), `${event} ${JSON.stringify(payload)}`).toEqual({
				ok: false,
				error: { code: 'invalid_input', message: expect.any(String) }
			});
		}
		expect(fingerprint(stage.server.databaseFile)).toEqual(stored);
	});
});

describe('the phase decides what a participant may change, on the server', () => {
	let amiraDoc: YjsClient;
	let own: string;

	beforeAll(async () => {
		await goTo(0, 'collect');
		amiraDoc = await connectSynced(stage.server, owner.board.id, amira.device.cookie);
		own = writeCard(amiraDoc.doc, amira, 'challenge', 'Zu wenig Räume');
		await amiraDoc.flush();
		await waitFor(() => findCard(ownerDoc.doc, own), 'Amira’s card at the facilitator');
	});

	afterAll(() => amiraDoc?.destroy());

	it('vote: a participant’s new card is refused, reaches nobody and is not stored', async () => {
		await goTo(2, 'vote');
		const stored = fingerprint(stage.server.databaseFile);
		const sneaked = writeCard(amiraDoc.doc, amira, 'challenge', 'Noch schnell eine Karte');
		expect(await amiraDoc.closed()).toBe(4422);
		await ownerDoc.flush();
		await sleep(100);
		expect(findCard(ownerDoc.doc, sneaked)).toBeUndefined();
		expect(fingerprint(stage.server.databaseFile)).toEqual(stored);
		const inDatabase = readStoredBoard(stage.server.databaseFile, owner.board.id);
		expect(findCard(inDatabase, sneaked)).toBeUndefined();
		expect(findCard(inDatabase, own)?.text).toBe('Zu wenig Räume');
		inDatabase.destroy();
	});

	it('vote: editing one’s own card is refused too', async () => {
		const again = await connectSynced(stage.server, owner.board.id, amira.device.cookie);
		applyTextChange(cardText(again.doc, own)!, 'Geändert beim Abstimmen');
		expect(await again.closed()).toBe(4422);
		again.destroy();
		await ownerDoc.flush();
		expect(findCard(ownerDoc.doc, own)?.text).toBe('Zu wenig Räume');
	});

	it('cluster: no new cards, but one’s own card may still be corrected', async () => {
		await goTo(1, 'cluster');
		const writer = await connectSynced(stage.server, owner.board.id, amira.device.cookie);
		applyTextChange(cardText(writer.doc, own)!, 'Zu wenig Räume am Abend');
		await writer.flush();
		await waitFor(() => findCard(ownerDoc.doc, own)?.text === 'Zu wenig Räume am Abend', 'the correction');
		writeCard(writer.doc, amira, 'solution', 'Neue Idee beim Ordnen');
		expect(await writer.closed()).toBe(4422);
		writer.destroy();
	});

	it('done: the participant is read-only; the update is dropped and the connection stays', async () => {
		await goTo(5, 'done');
		const reader = await connectSynced(stage.server, owner.board.id, amira.device.cookie);
		const stored = fingerprint(stage.server.databaseFile);
		const dropped = writeCard(reader.doc, amira, 'challenge', 'Nach dem Ende');
		await reader.flush();
		await ownerDoc.flush();
		expect(findCard(ownerDoc.doc, dropped)).toBeUndefined();
		expect(reader.provider.wsconnected).toBe(true);
		expect(fingerprint(stage.server.databaseFile)).toEqual(stored);
		reader.destroy();
	});

	it('the facilitator writes in every phase', async () => {
		const note = writeCard(ownerDoc.doc, authorOf(owner), 'solution', 'Nachtrag');
		await ownerDoc.flush();
		const fresh = await connectSynced(stage.server, owner.board.id, amira.device.cookie);
		expect(findCard(fresh.doc, note)?.text).toBe('Nachtrag');
		fresh.destroy();
	});

	it('back in a collect step, participants write new cards again', async () => {
		await goTo(3, 'collect');
		const writer = await connectSynced(stage.server, owner.board.id, amira.device.cookie);
		const more = writeCard(writer.doc, amira, 'challenge', 'Zweite Runde');
		await writer.flush();
		await waitFor(() => findCard(ownerDoc.doc, more), 'the card of the second collect step');
		writer.destroy();
	});
});
