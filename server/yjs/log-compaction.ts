/**
 * Background compaction of finished boards' update logs. While a board is in use
 * its log is kept whole, so that a facilitator can undo one participant's work;
 * once its outcome is stored and nobody has touched it for the retention period
 * (`LOG_RETENTION_DAYS`), one entry holding its document replaces the log.
 *
 * A pass works in small steps (one board, or a few hundred old rows) and lets the
 * event loop serve devices between them. Boards loaded in a room are left alone.
 */
import type { BoardStore } from '../../src/lib/server/board-store';
import { runPeriodically } from '../../src/lib/server/periodic';

export type LogCompactionStore = Pick<
	BoardStore,
	'idleFinishedBoards' | 'collapseIdleLog' | 'deleteReplaced' | 'reclaimFreePages'
>;

export interface LogCompactionOptions {
	retentionMs: number;
	/** Whether a board is loaded in a room right now. */
	isLive(boardId: string): boolean;
	now?: () => number;
}

/** What one pass did; `longestStepMs` is the longest the event loop waited for it. */
export interface CompactionPass {
	boards: number;
	entriesReplaced: number;
	rowsDeleted: number;
	longestStepMs: number;
	reclaimsSpace: boolean;
}

const BOARDS_PER_QUERY = 20;
/** About 0.3 ms per batch on the 2-core machine of the load benchmark. */
const ROWS_PER_STEP = 500;
/** 256 pages of 4 KiB: 1 MiB handed back to the file system per step. */
const PAGES_PER_STEP = 256;
/** A pass an hour; a board waits at most that much longer than its retention period. */
export const LOG_COMPACTION_INTERVAL_MS = 60 * 60 * 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class LogCompactor {
	private stopped = false;
	private running: Promise<CompactionPass> | undefined;

	constructor(
		private readonly store: LogCompactionStore,
		private readonly options: LogCompactionOptions
	) {}

	/** One pass over every eligible board; a pass already under way is joined, not repeated. */
	runPass(): Promise<CompactionPass> {
		this.running ??= this.pass().finally(() => (this.running = undefined));
		return this.running;
	}

	/** Ends the pass under way after its current step (before the database closes). */
	stop(): void {
		this.stopped = true;
	}

	private async pass(): Promise<CompactionPass> {
		const result: CompactionPass = {
			boards: 0,
			entriesReplaced: 0,
			rowsDeleted: 0,
			longestStepMs: 0,
			reclaimsSpace: false
		};
		const step = <T>(work: () => T): T => {
			const started = performance.now();
			try {
				return work();
			} finally {
				result.longestStepMs = Math.max(result.longestStepMs, performance.now() - started);
			}
		};
		const before = (this.options.now ?? Date.now)() - this.options.retentionMs;
		let afterId = '';
		while (!this.stopped) {
			const boardIds = step(() => this.store.idleFinishedBoards(before, afterId, BOARDS_PER_QUERY));
			for (const boardId of boardIds) {
				await nextTurn();
				if (this.stopped) return result;
				// Checked right before the step: nothing can load the room in between.
				if (this.options.isLive(boardId)) continue;
				const entries = step(() => this.store.collapseIdleLog(boardId, before));
				if (entries > 0) {
					result.boards++;
					result.entriesReplaced += entries;
				}
			}
			if (boardIds.length < BOARDS_PER_QUERY) break;
			afterId = boardIds[boardIds.length - 1];
		}
		// Also clears what an earlier pass left when the server stopped.
		for (let deleted = 1; deleted > 0 && !this.stopped;) {
			await nextTurn();
			if (this.stopped) break;
			deleted = step(() => this.store.deleteReplaced(ROWS_PER_STEP));
			result.rowsDeleted += deleted;
			if (deleted > 0) result.reclaimsSpace = step(() => this.store.reclaimFreePages(PAGES_PER_STEP));
		}
		return result;
	}
}

/** Starts passes now and every hour; returns the function that stops them. */
export function startLogCompaction(
	compactor: LogCompactor,
	onPass: (pass: CompactionPass) => void,
	onError: (error: unknown) => void,
	intervalMs = LOG_COMPACTION_INTERVAL_MS
): () => void {
	const stopRuns = runPeriodically(() => void compactor.runPass().then(onPass, onError), intervalMs);
	return () => {
		stopRuns();
		compactor.stop();
	};
}
