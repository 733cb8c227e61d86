/**
 * Turns what the load processes logged into figures: end-to-end latency of
 * every change at every measuring client, and what did not arrive.
 */
import type { SendLog } from './typist';
import type { ReceiverReport } from './worker';

export interface Distribution {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export function distribution(values: number[]): Distribution {
	const sorted = Float64Array.from(values).sort();
	const at = (quantile: number) =>
		sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
	return {
		count: sorted.length,
		p50: at(0.5),
		p95: at(0.95),
		p99: at(0.99),
		max: sorted.length === 0 ? NaN : sorted[sorted.length - 1]
	};
}

export interface Delivery {
	latencies: number[];
	/** When each latency's change was sent, in the same order. */
	sentAt: number[];
	/** Changes a measuring client never received (counted per receiver). */
	lostUpdates: number;
	/** Cards whose text at a measuring client differs from what its author typed. */
	cardMismatches: number;
}

/**
 * Matches each writer's sends with each receiver's receipts on the same board:
 * a change has arrived when the writer's clock at the receiver reaches the clock
 * the writer had right after making it.
 */
export function matchDeliveries(
	sends: SendLog[],
	receivers: ReceiverReport[],
	written: Array<{ board: number; cards: Record<string, string> }>
): Delivery {
	const latencies: number[] = [];
	const sentAt: number[] = [];
	let lostUpdates = 0;
	let cardMismatches = 0;
	for (const receiver of receivers) {
		for (const log of sends) {
			if (log.board !== receiver.board || log.clientId === receiver.clientId) continue;
			const receipts = receiver.receipts[log.clientId] ?? { clocks: [], times: [] };
			let next = 0;
			for (let i = 0; i < log.clocks.length; i++) {
				while (next < receipts.clocks.length && receipts.clocks[next] < log.clocks[i]) next++;
				if (next < receipts.clocks.length) {
					latencies.push(receipts.times[next] - log.times[i]);
					sentAt.push(log.times[i]);
				} else if ((receiver.stateVector[log.clientId] ?? 0) < log.clocks[i]) lostUpdates++;
			}
		}
		cardMismatches += mismatches(written, receiver.board, receiver.cards);
	}
	return { latencies, sentAt, lostUpdates, cardMismatches };
}

/** Latency per second of the run, to tell a steady delay from a few stalls. */
export function timeline(
	delivery: Pick<Delivery, 'latencies' | 'sentAt'>
): Array<{ second: number } & Distribution> {
	if (delivery.sentAt.length === 0) return [];
	const first = Math.min(...delivery.sentAt);
	const buckets: number[][] = [];
	delivery.sentAt.forEach((sent, i) =>
		(buckets[Math.floor((sent - first) / 1000)] ??= []).push(delivery.latencies[i])
	);
	return buckets.flatMap((bucket, second) => (bucket ? [{ second, ...distribution(bucket) }] : []));
}

/** How many of the cards written on `board` `held` lacks or holds with another text. */
export function mismatches(
	written: Array<{ board: number; cards: Record<string, string> }>,
	board: number,
	held: Record<string, string>
): number {
	let count = 0;
	for (const writer of written) {
		if (writer.board !== board) continue;
		for (const [id, text] of Object.entries(writer.cards)) if (held[id] !== text) count++;
	}
	return count;
}
