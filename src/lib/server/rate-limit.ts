/**
 * Counts failures per key in a sliding window. In memory, because the server is
 * one process; a restart forgets counts, which only gives an attacker a fresh window.
 */
export class FailureLimiter {
	private readonly failures = new Map<string, number[]>();

	constructor(
		private readonly maxFailures: number,
		private readonly windowMs: number
	) {}

	isBlocked(key: string, now = Date.now()): boolean {
		return this.recent(key, now).length >= this.maxFailures;
	}

	recordFailure(key: string, now = Date.now()): void {
		const recent = this.recent(key, now);
		recent.push(now);
		this.failures.set(key, recent);
		if (this.failures.size > 50_000) this.prune(now);
	}

	reset(key: string): void {
		this.failures.delete(key);
	}

	private recent(key: string, now: number): number[] {
		const times = this.failures.get(key) ?? [];
		const since = now - this.windowMs;
		return times.filter((time) => time > since);
	}

	private prune(now: number): void {
		for (const [key, times] of this.failures) {
			if (times.every((time) => time <= now - this.windowMs)) this.failures.delete(key);
		}
	}
}
