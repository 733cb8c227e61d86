/**
 * A token bucket per connection: it refills at a steady rate up to a burst, and
 * each incoming message costs one token plus one per `bytesPerToken` of size,
 * so many small messages and a few big ones are limited alike. The burst is what
 * a reconnect needs at once (its sync step 2 carries everything written offline);
 * the rate is far above fast typing.
 */
export interface BudgetLimits {
	/** Tokens added per second. */
	perSecond: number;
	/** The most tokens held at once; a fresh connection starts full. */
	burst: number;
	bytesPerToken: number;
}

export class MessageBudget {
	private tokens: number;
	private refilledAt: number;

	constructor(
		private readonly limits: BudgetLimits,
		now = Date.now()
	) {
		this.tokens = limits.burst;
		this.refilledAt = now;
	}

	/** Takes the cost of a message of `bytes`; false when the budget is spent (the message must not be handled). */
	spend(bytes: number, now = Date.now()): boolean {
		const elapsed = Math.max(0, now - this.refilledAt) / 1000;
		this.tokens = Math.min(this.limits.burst, this.tokens + elapsed * this.limits.perSecond);
		this.refilledAt = now;
		const cost = 1 + Math.floor(bytes / this.limits.bytesPerToken);
		if (cost > this.tokens) return false;
		this.tokens -= cost;
		return true;
	}
}
