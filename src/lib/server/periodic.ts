/**
 * Background work that runs once right away and then every `intervalMs`, without keeping
 * the process alive on its own (shutdown does not wait for the next run). Relative imports only.
 */
export function runPeriodically(run: () => void, intervalMs: number): () => void {
	const first = setTimeout(run, 0);
	const timer = setInterval(run, intervalMs);
	first.unref();
	timer.unref();
	return () => {
		clearTimeout(first);
		clearInterval(timer);
	};
}
