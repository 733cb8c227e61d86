import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit';

const MINUTE = 60_000;

describe('FailureLimiter', () => {
	it('blocks a key once it reaches the number of failures allowed in the window', () => {
		const limiter = new FailureLimiter(3, MINUTE);
		const now = 1_000_000;
		for (let i = 0; i < 2; i++) limiter.recordFailure('10.0.0.1', now + i);
		expect(limiter.isBlocked('10.0.0.1', now + 2)).toBe(false);
		limiter.recordFailure('10.0.0.1', now + 2);
		expect(limiter.isBlocked('10.0.0.1', now + 3)).toBe(true);
	});

	it('counts keys separately', () => {
		const limiter = new FailureLimiter(1, MINUTE);
		limiter.recordFailure('login:a@example.org', 0);
		expect(limiter.isBlocked('login:a@example.org', 1)).toBe(true);
		expect(limiter.isBlocked('login:b@example.org', 1)).toBe(false);
	});

	it('forgets failures that have slid out of the window', () => {
		const limiter = new FailureLimiter(2, MINUTE);
		limiter.recordFailure('k', 0);
		limiter.recordFailure('k', 30_000);
		expect(limiter.isBlocked('k', 59_999)).toBe(true);
		// The first failure is now a full window old; one recent failure remains.
		expect(limiter.isBlocked('k', MINUTE)).toBe(false);
		limiter.recordFailure('k', MINUTE);
		expect(limiter.isBlocked('k', MINUTE)).toBe(true);
		expect(limiter.isBlocked('k', 2 * MINUTE)).toBe(false);
	});

	it('starts afresh after a reset, e.g. a successful login', () => {
		const limiter = new FailureLimiter(2, MINUTE);
		limiter.recordFailure('k', 0);
		limiter.recordFailure('k', 1);
		limiter.reset('k');
		expect(limiter.isBlocked('k', 2)).toBe(false);
	});

	it('prunes keys without recent failures once it tracks very many, keeping recent ones', () => {
		const limiter = new FailureLimiter(1, MINUTE);
		for (let i = 0; i < 50_000; i++) limiter.recordFailure(`old-${i}`, 0);
		limiter.recordFailure('recent', 2 * MINUTE);
		const tracked = (limiter as unknown as { failures: Map<string, number[]> }).failures;
		expect(tracked.size).toBe(1);
		expect(limiter.isBlocked('recent', 2 * MINUTE)).toBe(true);
	});

	it('uses the current time by default', () => {
		const limiter = new FailureLimiter(1, MINUTE);
		limiter.recordFailure('k');
		expect(limiter.isBlocked('k')).toBe(true);
	});
});
