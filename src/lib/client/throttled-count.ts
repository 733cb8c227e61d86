/**
 * Adds up events and reports the sum at most once per interval: a screen reader
 * hears "3 new cards" once instead of three interruptions while the room writes.
 */
export interface ThrottledCount {
	add(count: number): void;
	dispose(): void;
}

export function throttledCount(intervalMs: number, report: (count: number) => void): ThrottledCount {
	let pending = 0;
	let lastReport = -Infinity;
	let timer: ReturnType<typeof setTimeout> | undefined;

	function flush() {
		timer = undefined;
		if (pending === 0) return;
		lastReport = Date.now();
		const count = pending;
		pending = 0;
		report(count);
	}

	return {
		add(count) {
			if (count <= 0) return;
			pending += count;
			if (timer !== undefined) return;
			const wait = lastReport + intervalMs - Date.now();
			if (wait <= 0) flush();
			else timer = setTimeout(flush, wait);
		},
		dispose() {
			clearTimeout(timer);
			timer = undefined;
			pending = 0;
		}
	};
}
