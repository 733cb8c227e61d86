/**
 * Private writing: a participant's cards written while it is on live in their
 * own drafts document. They never reach another participant's device — not in
 * the board's document, not over socket.io — until the facilitator reveals
 * them; then they are on the board for everyone, in their author's name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../src/lib/board/read';
import { draftRoomName } from '../../src/lib/server/draft-store';
import { authorOf, columnId, findCard, writeCard } from './helpers/board';
import { fingerprint, readStoredBoard } from './helpers/database';
import { connectYjs, sleep, waitFor, type YjsClient } from './helpers/yjs';
import { useStage } from './helpers/stage';
import {
	expectAccepted,
	expectRefused,
	workshop,
	type RecordingSocket,
	type Workshop
} from './helpers/workshop';
import type { Participant } from './helpers/flows';
import type { Card } from '../../src/lib/board/schema';

const SECRET = 'Geheimer Entwurf: Miete zu hoch';

const stage = useStage();
let scene: Workshop;
let amira: Participant;
let bruno: Participant;
let amiraSocket: RecordingSocket;
let brunoSocket: RecordingSocket;
let brunoBoard: YjsClient;
let amiraDrafts: YjsClient;
let draftId: string;

beforeAll(async () => {
	scene = await workshop(stage);
	amira = await scene.join('Amira');
	bruno = await scene.join('Bruno');
	amiraSocket = await scene.record(amira);
	brunoSocket = await scene.record(bruno);
	brunoBoard = await scene.document(bruno);
});

describe('private writing', () => {
	it('only facilitators switch it on or reveal', async () => {
		const before = fingerprint(stage.server.databaseFile);
		expectRefused(await amiraSocket.emit('private:set', { on: true }), 'forbidden');
		expectRefused(await amiraSocket.emit('private:reveal', {}), 'forbidden');
		expectRefused(await scene.facilitatorSocket.emit('private:set', { on: 'yes' }), 'invalid_input');
		expect(fingerprint(stage.server.databaseFile)).toEqual(before);
		expect(await brunoSocket.latest('private:state')).toEqual({ on: false });
	});

	it('switched on, every device is told', async () => {
		expectAccepted(await scene.facilitatorSocket.emit('private:set', { on: true }));
		for (const socket of [amiraSocket, brunoSocket, scene.facilitatorSocket]) {
			await socket.until<{ on: boolean }>('private:state', (state) => state.on);
		}
	});

	it('nobody but the author and the facilitators may open a participant’s drafts', async () => {
		const room = draftRoomName(scene.board.id, amira.id);
		const intruder = stage.track(connectYjs(stage.server, room, bruno.device.cookie));
		expect(await intruder.closed()).toBe(4403);
		const stranger = stage.track(connectYjs(stage.server, room));
		expect(await stranger.closed()).toBe(4401);
		const unknownBoard = stage.track(
			connectYjs(stage.server, draftRoomName('nosuchboard', amira.id), amira.device.cookie)
		);
		expect(await unknownBoard.closed()).toBe(4404);
	});

	it('a draft reaches the facilitators and no other participant', async () => {
		amiraDrafts = await stage.yjs(draftRoomName(scene.board.id, amira.id), amira.device.cookie);
		// The drafts document mirrors the board's columns, so a draft names a column of the board.
		expect(columnId(amiraDrafts.doc, 'challenge')).toBe(columnId(brunoBoard.doc, 'challenge'));
		draftId = writeCard(amiraDrafts.doc, amira, 'challenge', SECRET);
		await amiraDrafts.flush();
		const drafts = await scene.facilitatorSocket.until<{ cards: Card[] }>('private:drafts', (payload) =>
			payload.cards.some((card) => card.id === draftId)
		);
		expect(drafts.cards.find((card) => card.id === draftId)).toMatchObject({
			text: SECRET,
			authorId: amira.id
		});
		// A facilitator may look into the drafts, read-only.
		const look = await stage.yjs(draftRoomName(scene.board.id, amira.id), scene.facilitator.device.cookie);
		expect(findCard(look.doc, draftId)?.text).toBe(SECRET);
		await sleep(300);
		await brunoBoard.flush();
		expect(findCard(brunoBoard.doc, draftId)).toBeUndefined();
		expect(JSON.stringify(brunoBoard.doc.toJSON())).not.toContain('Geheimer');
		expect(JSON.stringify([...brunoSocket.events.entries()])).not.toContain('Geheimer');
		expect(JSON.stringify([...amiraSocket.events.entries()])).not.toContain('Geheimer');
		expect(findCard(readStoredBoard(stage.server.databaseFile, scene.board.id), draftId)).toBeUndefined();
	});

	it('writing a draft needs the drafts document: a facilitator’s change to it is dropped', async () => {
		const facilitatorDrafts = await stage.yjs(
			draftRoomName(scene.board.id, amira.id),
			scene.facilitator.device.cookie
		);
		writeCard(facilitatorDrafts.doc, authorOf(scene.facilitator), 'challenge', 'Von außen');
		await facilitatorDrafts.flush();
		await amiraDrafts.flush();
		expect(readBoard(amiraDrafts.doc).cards.map((card) => card.text)).toEqual([SECRET]);
	});

	it('at reveal the drafts move onto the board in their author’s name, and the drafts are cleared', async () => {
		const ack = await scene.facilitatorSocket.emit('private:reveal', {});
		expect(ack).toEqual({ ok: true, published: 1 });
		const card = await waitFor(
			() => findCard(brunoBoard.doc, draftId),
			'the revealed card on Bruno’s device'
		);
		expect(card).toMatchObject({ text: SECRET, authorId: amira.id, authorName: 'Amira' });
		await waitFor(() => readBoard(amiraDrafts.doc).cards.length === 0, 'Amira’s drafts cleared');
		expect(findCard(readStoredBoard(stage.server.databaseFile, scene.board.id), draftId)?.text).toBe(SECRET);
		await brunoSocket.until<{ on: boolean }>('private:state', (state) => !state.on);
		await scene.facilitatorSocket.until<{ cards: Card[] }>(
			'private:drafts',
			(payload) => payload.cards.length === 0
		);
	});

	it('a draft that arrives after the reveal (written offline) is published at once', async () => {
		const late = writeCard(amiraDrafts.doc, amira, 'challenge', 'Offline geschrieben');
		await amiraDrafts.flush();
		const card = await waitFor(() => findCard(brunoBoard.doc, late), 'the late draft on the board');
		expect(card.authorId).toBe(amira.id);
		await waitFor(() => readBoard(amiraDrafts.doc).cards.length === 0, 'the late draft cleared');
	});
});
