import { describe, expect, it } from 'vitest';
import { MessageBudget } from './message-budget';

const limits = { perSecond: 100, burst: 400, bytesPerToken: 16 * 1024 };

describe('MessageBudget', () => {
	it('admits a burst up to its size at once, then refuses', () => {
		const budget = new MessageBudget(limits, 0);
		for (let i = 0; i < 400; i++) expect(budget.spend(20, 0)).toBe(true);
		expect(budget.spend(20, 0)).toBe(false);
	});

	it('refills at its rate, never above the burst', () => {
		const budget = new MessageBudget(limits, 0);
		for (let i = 0; i < 400; i++) budget.spend(20, 0);
		expect(budget.spend(20, 5)).toBe(false);
		expect(budget.spend(20, 10)).toBe(true);
		const rested = new MessageBudget(limits, 0);
		rested.spend(20, 60_000);
		for (let i = 0; i < 399; i++) expect(rested.spend(20, 60_000)).toBe(true);
		expect(rested.spend(20, 60_000)).toBe(false);
	});

	it('keeps up with fast typing for minutes: 30 updates a second', () => {
		const budget = new MessageBudget(limits, 0);
		for (let ms = 0; ms < 300_000; ms += 33) expect(budget.spend(60, ms)).toBe(true);
	});

	it('charges big messages by size: a 2 MiB sync step 2 on reconnect fits, a stream of them does not', () => {
		const budget = new MessageBudget(limits, 0);
		const twoMiB = 2 * 1024 * 1024;
		expect(budget.spend(twoMiB, 0)).toBe(true);
		expect(budget.spend(twoMiB, 0)).toBe(true);
		expect(budget.spend(twoMiB, 0)).toBe(true);
		expect(budget.spend(twoMiB, 0)).toBe(false);
	});

	it('a clock that goes backwards does not mint tokens', () => {
		const budget = new MessageBudget({ ...limits, burst: 1 }, 1000);
		expect(budget.spend(1, 1000)).toBe(true);
		expect(budget.spend(1, 0)).toBe(false);
	});
});
