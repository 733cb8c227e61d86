/**
 * What every scenario shares: its settings and result, a fresh server per run
 * (stopped whatever happens, its database measured after the stop), boards set
 * up alike on both servers, and the figures common to all rows.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { initBoard } from '../src/lib/board/template';
import { newId } from '../src/lib/board/ids';
import { encodeUpdate } from '../server/yjs/protocol';
import { createBoards, exportedCardTexts, type BenchBoard, type Session } from './api';
import type { LoadOutcome } from './fleet';
import { mismatches, type Distribution } from './measure';
import {
	directoryBytes,
	peakRssBytes,
	removeDataDir,
	startOurs,
	startReference,
	type RunningTarget
} from './targets';
import type { Target } from './worker';

export type ScenarioKind = 'load' | 'join' | 'restart' | 'vote' | 'frontend';

export interface Scenario {
	id: string;
	title: string;
	kind: ScenarioKind;
	boards: number;
	participantsPerBoard: number;
	/** Cards on the board before the measurement (join). */
	cards?: number;
	targets: Target[];
}

export interface Settings {
	durationMs: number;
	lightProcesses: number;
	fullClients: number;
	/** Extra node flags for WeDo Board's process, e.g. `--cpu-prof`. */
	nodeFlags: string[];
}

export interface TargetResult {
	target: Target;
	participants: number;
	/** What the latency figures are: the delay of each change, or the time until a client was synced. */
	measures: 'update latency' | 'join until synced' | 'restart until synced again' | 'vote until answered';
	latencyMs: Distribution;
	sentPerSecond: number;
	deliveredUpdatesPerSecond: number;
	deliveredMessagesPerSecond: number;
	/** Changes a measuring client never got, plus cards whose text differs at a client or on the server. */
	lost: number;
	serverCpuSeconds: number;
	peakRssBytes: number;
	databaseBytes: number | null;
	generatorCpuSeconds: number;
	/** CPU seconds the rest of the machine used in the same time: noise when it is large. */
	otherCpuSeconds: number;
	details: Record<string, unknown>;
}

export const SETTLE_MS = 15_000;

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

async function startTarget(
	target: Target,
	settings: Settings,
	options: { dataDir?: string; port?: number } = {}
) {
	return target === 'ours' ? startOurs({ ...options, nodeFlags: settings.nodeFlags }) : startReference();
}

/** Boards with the challenges-solutions template: through the API on WeDo Board, pushed as a first update to the reference. */
export async function prepareBoards(
	server: RunningTarget,
	count: number
): Promise<{ boards: BenchBoard[]; facilitator?: Session }> {
	if (server.target === 'ours') return createBoards(server.httpUrl, count);
	const boards: BenchBoard[] = [];
	for (let i = 0; i < count; i++) {
		const board = { id: newId(), joinCode: '' };
		const doc = new Y.Doc();
		initBoard(doc, 'challenges-solutions', { challenge: 'Herausforderungen', solution: 'Lösungen' });
		await new Promise<void>((resolve, reject) => {
			const ws = new WebSocket(`${server.yjsUrl}/${board.id}`);
			ws.once('open', () => ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)), () => ws.close()));
			ws.once('close', () => resolve());
			ws.once('error', reject);
		});
		boards.push(board);
	}
	return { boards };
}

/** Cards that differ between what was typed and the server's export (WeDo Board only: the reference has no export). */
export async function serverMismatches(
	server: RunningTarget,
	facilitator: Session | undefined,
	boards: BenchBoard[],
	outcome: LoadOutcome
) {
	if (!facilitator) return 0;
	let count = 0;
	for (let board = 0; board < boards.length; board++) {
		count += mismatches(
			outcome.written,
			board,
			await exportedCardTexts(server.httpUrl, boards[board].id, facilitator)
		);
	}
	return count;
}

/**
 * CPU the rest of the machine used meanwhile (other programs, the bench's own
 * main process): a run on a busy machine says so in its results.
 */
export function othersOf(machineCpu: number, serverCpu: number, outcome: LoadOutcome): number {
	return Math.max(0, machineCpu - serverCpu - outcome.generatorCpuSeconds);
}

/** What WeDo Board's own metrics say about storing: every stored update is a row written before anyone sees it. */
export function storageFigures(metrics: Record<string, number>): Record<string, number> {
	if (metrics.wedo_updates_stored_total === undefined) return {};
	return {
		updatesStored: metrics.wedo_updates_stored_total,
		meanPersistMs:
			(1000 * (metrics.wedo_persist_seconds_sum ?? 0)) / Math.max(1, metrics.wedo_persist_seconds_count ?? 0)
	};
}

export function loadFigures(outcome: LoadOutcome, seconds: number) {
	const received = outcome.received;
	return {
		sentPerSecond: outcome.sends / seconds,
		deliveredUpdatesPerSecond: received.updates / seconds,
		deliveredMessagesPerSecond: (received.updates + received.awareness + received.other) / seconds,
		generatorCpuSeconds: outcome.generatorCpuSeconds
	};
}

/** Peak memory of each server process of a run, read while it still runs. */
export class PeakMemory {
	private peak = 0;
	note(pid: number): void {
		try {
			this.peak = Math.max(this.peak, peakRssBytes(pid));
		} catch {
			// the process has already ended; it was noted before it stopped
		}
	}
	get bytes(): number {
		return this.peak;
	}
}

export type Measured = Omit<TargetResult, 'databaseBytes' | 'peakRssBytes'>;

/** Runs `body` on a fresh server and always stops it; the database size is read after the stop. */
export async function withServer(
	target: Target,
	settings: Settings,
	body: (server: RunningTarget, memory: PeakMemory) => Promise<Measured>
): Promise<TargetResult> {
	const server = await startTarget(target, settings);
	const memory = new PeakMemory();
	let result: Measured;
	try {
		result = await body(server, memory);
		memory.note(server.pid);
	} finally {
		await server.stop();
	}
	const databaseBytes = server.dataDir ? directoryBytes(server.dataDir) : null;
	removeDataDir(server.dataDir);
	return { ...result, peakRssBytes: memory.bytes, databaseBytes };
}
