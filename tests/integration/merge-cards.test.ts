/**
 * Merging duplicate cards (`card:merge`): the facilitator's decision, carried
 * out on the live document and on the votes; every refusal changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { linkCards } from '../../src/lib/board/links';
import { readBoard } from '../../src/lib/board/read';
import { linkId } from '../../src/lib/board/schema';
import { findCard, writeCard } from './helpers/board';
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

const stage = useStage();
let scene: Workshop;
let amiraSocket: RecordingSocket;
let amiraDoc: YjsClient;
let keep: string;
let duplicate: string;
let idea: string;

beforeAll(async () => {
	scene = await workshop(stage);
	const amira = await scene.join('Amira');
	amiraSocket = await scene.record(amira);
	amiraDoc = await scene.document(amira);
	keep = writeCard(amiraDoc.doc, amira, 'challenge', 'Zu wenig Räume');
	duplicate = writeCard(amiraDoc.doc, amira, 'challenge', 'Räume fehlen abends');
	idea = writeCard(amiraDoc.doc, amira, 'solution', 'Schulen öffnen');
	linkCards(amiraDoc.doc, {
		solutionId: idea,
		challengeId: duplicate,
		authorId: amira.id,
		createdAt: Date.now()
	});
	await amiraDoc.flush();
	// Amira gives the duplicate two dots and the kept card one.
	expectAccepted(
		await scene.facilitatorSocket.emit('votes:configure', {
			budget: 5,
			maxPerCard: 3,
			perOrganisation: false
		})
	);
	await goToPhase(scene.facilitatorSocket, 'vote');
	expectAccepted(await scene.facilitatorSocket.emit('votes:open', {}));
	for (const target of [duplicate, duplicate, keep]) {
		expectAccepted(await amiraSocket.emit('vote:cast', { targetId: target }));
	}
});

async function refusedWithoutChange(payload: unknown, code: string, socket = scene.facilitatorSocket) {
	const before = fingerprint(stage.server.databaseFile);
	expectRefused(await socket.emit('card:merge', payload), code);
	expect(fingerprint(stage.server.databaseFile)).toEqual(before);
}

describe('card:merge', () => {
	it('participants may not merge', async () => {
		await refusedWithoutChange({ keepId: keep, mergeIds: [duplicate] }, 'forbidden', amiraSocket);
	});

	it('refuses malformed input, unknown cards and cards of different kinds', async () => {
		await refusedWithoutChange({ keepId: keep }, 'invalid_input');
		await refusedWithoutChange({ keepId: keep, mergeIds: [] }, 'invalid_input');
		await refusedWithoutChange({ keepId: keep, mergeIds: [keep] }, 'invalid_input');
		await refusedWithoutChange({ keepId: keep, mergeIds: ['nosuchcard'] }, 'not_found');
		await refusedWithoutChange({ keepId: 'nosuchcard', mergeIds: [duplicate] }, 'not_found');
		await refusedWithoutChange({ keepId: keep, mergeIds: [idea] }, 'conflict');
	});

	it('keeps one card with both texts, its links and all dots; every device sees it', async () => {
		expectAccepted(await scene.facilitatorSocket.emit('card:merge', { keepId: keep, mergeIds: [duplicate] }));
		await waitFor(() => !findCard(amiraDoc.doc, duplicate), 'the merged card gone on Amira’s device');
		const content = readBoard(readStoredBoard(stage.server.databaseFile, scene.board.id));
		expect(content.cards.find((card) => card.id === keep)?.text).toBe(
			'Zu wenig Räume\n\nRäume fehlen abends'
		);
		expect(content.cards.map((card) => card.id)).not.toContain(duplicate);
		expect(content.links.map((link) => link.id)).toEqual([linkId(idea, keep)]);
		expect(findCard(amiraDoc.doc, keep)?.text).toBe('Zu wenig Räume\n\nRäume fehlen abends');
		const totals = await scene.facilitatorSocket.until<{ totals: Record<string, number> }>(
			'votes:results',
			(results) => results.totals[keep] === 3
		);
		expect(totals).toEqual({ totals: { [keep]: 3 } });
		// A merge is the facilitator's decision: the dots carry over even beyond the maximum per card.
		expect(
			await amiraSocket.until<{ counts: Record<string, number> }>(
				'votes:mine',
				(mine) => mine.counts[keep] === 3
			)
		).toEqual({ counts: { [keep]: 3 }, remaining: 2 });
	});
});
