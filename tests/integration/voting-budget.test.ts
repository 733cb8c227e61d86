/**
 * Dot voting under load: the budget and the maximum per card hold when one
 * participant votes from two devices at once, and when an organisation's people
 * share one budget.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../src/lib/realtime/events';
import { useStage } from './helpers/stage';
import { expectAccepted, goToPhase, workshop } from './helpers/workshop';

const stage = useStage();

/** A board in the vote phase with three cards, voting open with the given settings. */
async function votingBoard(settings: { budget: number; maxPerCard: number; perOrganisation: boolean }) {
	const scene = await workshop(stage);
	const cards = await scene.challenges(['Räume', 'Geld', 'Zeit']);
	expectAccepted(await scene.facilitatorSocket.emit('votes:configure', settings));
	await goToPhase(scene.facilitatorSocket, 'vote');
	expectAccepted(await scene.facilitatorSocket.emit('votes:open', {}));
	return { ...scene, cards };
}

function storedDots(boardId: string): number {
	const db = new Database(stage.server.databaseFile, { readonly: true });
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

describe('the vote budget under concurrent votes', () => {
	it('two devices of one participant casting 60 dots at once place exactly the budget', async () => {
		const scene = await votingBoard({ budget: 7, maxPerCard: 3, perOrganisation: false });
		const { board, cards } = scene;
		const amira = await scene.join('Amira');
		const [phone, tablet] = await Promise.all([scene.record(amira), scene.record(amira)]);
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
		const scene = await votingBoard({ budget: 4, maxPerCard: 4, perOrganisation: true });
		const { board, cards } = scene;
		const yusufSocket = await scene.record(await scene.join('Yusuf', 'Kulturverein Nord'));
		const leylaSocket = await scene.record(await scene.join('Leyla', ' kulturverein nord '));
		const brunoSocket = await scene.record(await scene.join('Bruno', 'Sportverein'));
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
