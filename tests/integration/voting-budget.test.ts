/**
 * Dot voting under load: the budget and the maximum per card hold when one
 * participant votes from two devices at once, and when an organisation's people
 * share one budget.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../src/lib/realtime/events';
import { connectSynced, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';
import { writeCard } from './helpers/board';
import {
	connectRecording,
	expectAccepted,
	goToPhase,
	joinWithOrganisation,
	workshop,
	type RecordingSocket,
	closeAll
} from './helpers/workshop';

let server: RunningServer;
const open: Array<{ close(): void } | YjsClient> = [];

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	closeAll(open);
	await server?.stop();
});

/** A board in the vote phase with three cards, voting open with the given settings. */
async function votingBoard(settings: { budget: number; maxPerCard: number; perOrganisation: boolean }) {
	const scene = await workshop(server);
	open.push(scene.facilitatorSocket);
	const writer = await connectSynced(server, scene.board.id, scene.facilitator.device.cookie);
	open.push(writer);
	const author = { id: scene.facilitator.user.id, name: scene.facilitator.user.name };
	const cards = ['Räume', 'Geld', 'Zeit'].map((text) => writeCard(writer.doc, author, 'challenge', text));
	await writer.flush();
	expectAccepted(await scene.facilitatorSocket.emit('votes:configure', settings));
	await goToPhase(scene.facilitatorSocket, 'vote');
	expectAccepted(await scene.facilitatorSocket.emit('votes:open', {}));
	return { ...scene, cards };
}

function storedDots(boardId: string): number {
	const db = new Database(server.databaseFile, { readonly: true });
	try {
		return (
			db.prepare('SELECT COALESCE(SUM(count), 0) AS n FROM votes WHERE board_id = ?').get(boardId) as {
				n: number;
			}
		).n;
	} finally {
		db.close();
	}
}

async function socketsOf(boardId: string, cookie: string, count: number): Promise<RecordingSocket[]> {
	const sockets = await Promise.all(
		Array.from({ length: count }, () => connectRecording(server, boardId, cookie))
	);
	open.push(...sockets);
	return sockets;
}

describe('the vote budget under concurrent votes', () => {
	it('two devices of one participant casting 60 dots at once place exactly the budget', async () => {
		const { board, cards } = await votingBoard({ budget: 7, maxPerCard: 3, perOrganisation: false });
		const amira = await joinWithOrganisation(server, board.joinCode, 'Amira', null);
		const [phone, tablet] = await socketsOf(board.id, amira.device.cookie, 2);
		const casts: Array<Promise<Ack>> = [];
		// First both press on the same card, then on all of them.
		for (let i = 0; i < 30; i++) {
			for (const device of [phone, tablet]) {
				casts.push(device.emit('vote:cast', { targetId: i < 10 ? cards[0] : cards[i % cards.length] }));
			}
		}
		const answers = await Promise.all(casts);
		const accepted = answers.filter((answer) => answer.ok).length;
		const codes = new Set(
			answers.filter((answer) => !answer.ok).map((answer) => !answer.ok && answer.error.code)
		);
		// Three cards at most three dots each would allow nine: the budget of seven is what stops them.
		expect(accepted).toBe(7);
		expect([...codes].sort()).toEqual(['budget_exhausted', 'max_per_card']);
		expect(storedDots(board.id)).toBe(7);
		for (const device of [phone, tablet]) {
			const mine = await device.until<{ counts: Record<string, number>; remaining: number }>(
				'votes:mine',
				(payload) => payload.remaining === 0,
				'own dots with nothing remaining'
			);
			expect(Object.values(mine.counts).reduce((sum, count) => sum + count, 0)).toBe(7);
			for (const count of Object.values(mine.counts)) expect(count).toBeLessThanOrEqual(3);
		}
	});

	it('people of one organisation share one budget, also when they vote at the same moment', async () => {
		const { board, cards } = await votingBoard({ budget: 4, maxPerCard: 4, perOrganisation: true });
		const yusuf = await joinWithOrganisation(server, board.joinCode, 'Yusuf', 'Kulturverein Nord');
		const leyla = await joinWithOrganisation(server, board.joinCode, 'Leyla', ' kulturverein nord ');
		const bruno = await joinWithOrganisation(server, board.joinCode, 'Bruno', 'Sportverein');
		const [yusufSocket] = await socketsOf(board.id, yusuf.device.cookie, 1);
		const [leylaSocket] = await socketsOf(board.id, leyla.device.cookie, 1);
		const [brunoSocket] = await socketsOf(board.id, bruno.device.cookie, 1);
		const casts: Array<Promise<Ack>> = [];
		for (let i = 0; i < 10; i++) {
			casts.push(yusufSocket.emit('vote:cast', { targetId: cards[0] }));
			casts.push(leylaSocket.emit('vote:cast', { targetId: cards[1] }));
		}
		const answers = await Promise.all(casts);
		expect(answers.filter((answer) => answer.ok)).toHaveLength(4);
		// Another organisation has its own budget.
		for (let i = 0; i < 4; i++) expectAccepted(await brunoSocket.emit('vote:cast', { targetId: cards[2] }));
		expect(storedDots(board.id)).toBe(8);
	});
});
