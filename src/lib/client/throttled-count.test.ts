import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledCount } from './throttled-count';

describe('throttledCount', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('reports the first event at once', () => {
		const reports: number[] = [];
		throttledCount(5000, (count) => reports.push(count)).add(1);
		expect(reports).toEqual([1]);
	});

	it('adds up what arrives within the interval and reports the sum once, when it ends', () => {
		const reports: number[] = [];
		const counter = throttledCount(5000, (count) => reports.push(count));
		counter.add(1);
		vi.advanceTimersByTime(1000);
		counter.add(1);
		counter.add(2);
		vi.advanceTimersByTime(3999);
		expect(reports).toEqual([1]);
		vi.advanceTimersByTime(1);
		expect(reports).toEqual([1, 3]);
	});

	it('never reports more often than once per interval, however many events come', () => {
		const reports: number[] = [];
		const counter = throttledCount(5000, (count) => reports.push(count));
		for (let second = 0; second < 30; second++) {
			counter.add(1);
			vi.advanceTimersByTime(1000);
		}
		vi.advanceTimersByTime(5000);
		expect(reports.length).toBeLessThanOrEqual(7);
		expect(reports.reduce((sum, count) => sum + count, 0)).toBe(30);
	});

	it('ignores nothing-events and reports nothing after being disposed', () => {
		const reports: number[] = [];
		const counter = throttledCount(5000, (count) => reports.push(count));
		counter.add(0);
		expect(reports).toEqual([]);
		counter.add(1);
		counter.add(1);
		counter.dispose();
		vi.advanceTimersByTime(10_000);
		expect(reports).toEqual([1]);
	});
});
