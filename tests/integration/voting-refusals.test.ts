/**
 * Dot voting's commands: who may send which, what bad input answers, and what
 * each device learns — its own dots only, until the facilitator reveals the totals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from './helpers/database';
import { sleep } from './helpers/yjs';
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

interface Mine {
	counts: Record<string, number>;
	remaining: number;
}

const stage = useStage();
let scene: Workshop;
let cards: string[];
let amira: Participant;
let bruno: Participant;
let amiraSocket: RecordingSocket;
let brunoSocket: RecordingSocket;

beforeAll(async () => {
	scene = await workshop(stage);
	cards = await scene.challenges(['Räume', 'Geld']);
	amira = await scene.join('Amira');
	bruno = await scene.join('Bruno');
	amiraSocket = await scene.record(amira);
	brunoSocket = await scene.record(bruno);
});

/** Runs `attempt` and checks that it answered `code` and that nothing in the database changed. */
async function refusedWithoutChange(attempt: () => Promise<unknown>, code: string): Promise<void> {
	const before = fingerprint(stage.server.databaseFile);
	expectRefused((await attempt()) as never, code);
	expect(fingerprint(stage.server.databaseFile)).toEqual(before);
}

describe('voting commands', () => {
	it('on connect every device gets the settings, participants their own dots, nobody but facilitators the totals', async () => {
		expect(await amiraSocket.latest('votes:settings')).toEqual({
			open: false,
			budget: 5,
			maxPerCard: 3,
			perOrganisation: false,
			revealed: false
		});
		expect(await amiraSocket.latest<Mine>('votes:mine')).toEqual({ counts: {}, remaining: 5 });
		expect(await scene.facilitatorSocket.latest('votes:results')).toEqual({ totals: {} });
		expect(amiraSocket.events.has('votes:results')).toBe(false);
		expect(scene.facilitatorSocket.events.has('votes:mine')).toBe(false);
	});

	it('participants may not configure, open, close, reveal or hide voting', async () => {
		for (const [event, payload] of [
			['votes:configure', { budget: 10, maxPerCard: 10, perOrganisation: false }],
			['votes:open', {}],
			['votes:close', {}],
			['votes:reveal', {}],
			['votes:hide', {}]
		] as const) {
			await refusedWithoutChange(() => amiraSocket.emit(event, payload), 'forbidden');
		}
	});

	it('refuses settings out of range', async () => {
		for (const payload of [
			{ budget: 0, maxPerCard: 1, perOrganisation: false },
			{ budget: 51, maxPerCard: 1, perOrganisation: false },
			{ budget: 2.5, maxPerCard: 1, perOrganisation: false },
			{ budget: 3, maxPerCard: '2', perOrganisation: false },
			{ budget: 3, maxPerCard: 2 }
		]) {
			await refusedWithoutChange(
				() => scene.facilitatorSocket.emit('votes:configure', payload),
				'invalid_input'
			);
		}
	});

	it('a dot before voting is open, or outside the vote phase, answers voting_closed', async () => {
		expectAccepted(
			await scene.facilitatorSocket.emit('votes:configure', {
				budget: 3,
				maxPerCard: 2,
				perOrganisation: false
			})
		);
		await refusedWithoutChange(() => amiraSocket.emit('vote:cast', { targetId: cards[0] }), 'voting_closed');
		expectAccepted(await scene.facilitatorSocket.emit('votes:open', {}));
		// Open, but the board is still collecting.
		await refusedWithoutChange(() => amiraSocket.emit('vote:cast', { targetId: cards[0] }), 'voting_closed');
		await goToPhase(scene.facilitatorSocket, 'vote');
		expectAccepted(await amiraSocket.emit('vote:cast', { targetId: cards[0] }));
	});

	it('facilitators steer and do not vote', async () => {
		await refusedWithoutChange(
			() => scene.facilitatorSocket.emit('vote:cast', { targetId: cards[0] }),
			'forbidden'
		);
	});

	it('refuses a dot on an unknown card or cluster, and malformed targets', async () => {
		await refusedWithoutChange(
			() => amiraSocket.emit('vote:cast', { targetId: 'doesnotexist' }),
			'not_found'
		);
		await refusedWithoutChange(() => amiraSocket.emit('vote:cast', {}), 'invalid_input');
		await refusedWithoutChange(
			() => amiraSocket.emit('vote:cast', { targetId: 'x'.repeat(65) }),
			'invalid_input'
		);
	});

	it('refuses a dot over the maximum per card, and over the budget', async () => {
		expectAccepted(await amiraSocket.emit('vote:cast', { targetId: cards[0] }));
		await refusedWithoutChange(() => amiraSocket.emit('vote:cast', { targetId: cards[0] }), 'max_per_card');
		expectAccepted(await amiraSocket.emit('vote:cast', { targetId: cards[1] }));
		await refusedWithoutChange(
			() => amiraSocket.emit('vote:cast', { targetId: cards[1] }),
			'budget_exhausted'
		);
		expect(await amiraSocket.until<Mine>('votes:mine', (mine) => mine.remaining === 0)).toEqual({
			counts: { [cards[0]]: 2, [cards[1]]: 1 },
			remaining: 0
		});
	});

	it('a participant takes back only their own dots', async () => {
		await refusedWithoutChange(() => brunoSocket.emit('vote:retract', { targetId: cards[0] }), 'not_found');
		expectAccepted(await amiraSocket.emit('vote:retract', { targetId: cards[1] }));
		expect(await amiraSocket.until<Mine>('votes:mine', (mine) => mine.remaining === 1)).toEqual({
			counts: { [cards[0]]: 2 },
			remaining: 1
		});
	});

	it('before the reveal, other participants learn nothing of anyone’s dots; facilitators see the totals', async () => {
		expectAccepted(await brunoSocket.emit('vote:cast', { targetId: cards[1] }));
		expect(
			await scene.facilitatorSocket.until<{ totals: Record<string, number> }>(
				'votes:results',
				(r) => r.totals[cards[1]] === 1
			)
		).toEqual({
			totals: { [cards[0]]: 2, [cards[1]]: 1 }
		});
		await sleep(100);
		expect(brunoSocket.events.has('votes:results')).toBe(false);
		expect(amiraSocket.events.has('votes:results')).toBe(false);
		expect(await brunoSocket.latest<Mine>('votes:mine')).toEqual({ counts: { [cards[1]]: 1 }, remaining: 2 });
		// Nothing Bruno's device received names Amira's dots.
		expect(JSON.stringify([...brunoSocket.events.entries()])).not.toContain(`"${cards[0]}":2`);
	});

	it('after the reveal everyone gets the totals, also a device that connects later; hiding takes them back', async () => {
		expectAccepted(await scene.facilitatorSocket.emit('votes:reveal', {}));
		const expected = { totals: { [cards[0]]: 2, [cards[1]]: 1 } };
		expect(await brunoSocket.latest('votes:results')).toEqual(expected);
		const late = await scene.record(amira);
		expect(await late.latest('votes:results')).toEqual(expected);
		expectAccepted(await scene.facilitatorSocket.emit('votes:hide', {}));
		await brunoSocket.until<{ revealed: boolean }>('votes:settings', (settings) => !settings.revealed);
		const again = await scene.record(bruno);
		await again.latest('votes:mine');
		expect(again.events.has('votes:results')).toBe(false);
	});

	it('a participant removed by the facilitator can neither vote nor take dots back', async () => {
		const cleo = await scene.join('Cleo');
		const cleoSocket = await scene.record(cleo);
		expectAccepted(await cleoSocket.emit('vote:cast', { targetId: cards[1] }));
		// Marked removed in the database while the socket is still open (as if its disconnect were slow).
		const Database = (await import('better-sqlite3')).default;
		const db = new Database(stage.server.databaseFile);
		db.prepare('UPDATE participants SET removed = 1 WHERE id = ?').run(cleo.id);
		db.close();
		await refusedWithoutChange(() => cleoSocket.emit('vote:cast', { targetId: cards[0] }), 'forbidden');
		await refusedWithoutChange(() => cleoSocket.emit('vote:retract', { targetId: cards[1] }), 'forbidden');
	});
});
