/**
 * The scenarios of `npm run bench`, each run against WeDo Board and (where it
 * applies) the reference server, one after the other on fresh processes.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { initBoard } from '../src/lib/board/template';
import { newId } from '../src/lib/board/ids';
import { encodeUpdate } from '../server/yjs/protocol';
import { createBoards, exportedCardTexts, joinBoard, type BenchBoard, type Session } from './api';
import { Fleet, type LoadOutcome } from './fleet';
import { measurePageWeight, timeToFirstByte, type PageWeight } from './frontend';
import { distribution, mismatches, timeline, type Distribution } from './measure';
import {
	cpuSeconds,
	directoryBytes,
	machineBusySeconds,
	peakRssBytes,
	removeDataDir,
	startOurs,
	startReference,
	type RunningTarget
} from './targets';
import { now, WORKSHOP } from './typist';
import { command, connectBoardSocket } from './voting';
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

const SETTLE_MS = 15_000;

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

async function startTarget(target: Target, settings: Settings, options: { dataDir?: string; port?: number } = {}) {
	return target === 'ours' ? startOurs({ ...options, nodeFlags: settings.nodeFlags }) : startReference();
}

/** Boards with the challenges-solutions template: through the API on WeDo Board, pushed as a first update to the reference. */
async function prepareBoards(server: RunningTarget, count: number): Promise<{ boards: BenchBoard[]; facilitator?: Session }> {
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
async function serverMismatches(server: RunningTarget, facilitator: Session | undefined, boards: BenchBoard[], outcome: LoadOutcome) {
	if (!facilitator) return 0;
	let count = 0;
	for (let board = 0; board < boards.length; board++) {
		count += mismatches(outcome.written, board, await exportedCardTexts(server.httpUrl, boards[board].id, facilitator));
	}
	return count;
}

/**
 * CPU the rest of the machine used meanwhile (other programs, the bench's own
 * main process): a run on a busy machine says so in its results.
 */
function othersOf(machineCpu: number, serverCpu: number, outcome: LoadOutcome): number {
	return Math.max(0, machineCpu - serverCpu - outcome.generatorCpuSeconds);
}

function loadFigures(outcome: LoadOutcome, seconds: number) {
	const received = outcome.received;
	return {
		sentPerSecond: outcome.sends / seconds,
		deliveredUpdatesPerSecond: received.updates / seconds,
		deliveredMessagesPerSecond: (received.updates + received.awareness + received.other) / seconds,
		generatorCpuSeconds: outcome.generatorCpuSeconds
	};
}

/** Peak memory of each server process of a run, read while it still runs. */
class PeakMemory {
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

type Measured = Omit<TargetResult, 'databaseBytes' | 'peakRssBytes'>;

/** Runs `body` on a fresh server and always stops it; the database size is read after the stop. */
async function withServer(
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

export async function runLoad(scenario: Scenario, target: Target, settings: Settings): Promise<TargetResult> {
	return withServer(target, settings, async (server) => {
		const { boards, facilitator } = await prepareBoards(server, scenario.boards);
		const { fleet, connectMs } = await Fleet.connect({
			target,
			httpUrl: server.httpUrl,
			yjsUrl: server.yjsUrl,
			boards,
			participantsPerBoard: scenario.participantsPerBoard,
			fullClients: settings.fullClients,
			lightProcesses: settings.lightProcesses
		});
		try {
			// Everyone's first presence has gone round; what follows is the steady state.
			await sleep(1000);
			const until = Date.now() + settings.durationMs;
			const cpuBefore = cpuSeconds(server.pid);
			const machineBefore = machineBusySeconds();
			await fleet.start(until, WORKSHOP);
			await sleep(until - Date.now());
			const serverCpuSeconds = cpuSeconds(server.pid) - cpuBefore;
			const machineCpu = machineBusySeconds() - machineBefore;
			const outcome = await fleet.finish(SETTLE_MS);
			const onServer = await serverMismatches(server, facilitator, boards, outcome);
			return {
				target,
				participants: scenario.boards * scenario.participantsPerBoard,
				measures: 'update latency',
				latencyMs: distribution(outcome.latencies),
				...loadFigures(outcome, settings.durationMs / 1000),
				lost: outcome.lostUpdates + outcome.cardMismatches + onServer,
				serverCpuSeconds,
				otherCpuSeconds: othersOf(machineCpu, serverCpuSeconds, outcome),
				details: {
					connectMs,
					lostUpdates: outcome.lostUpdates,
					cardMismatchesAtClients: outcome.cardMismatches,
					cardMismatchesOnServer: target === 'ours' ? onServer : 'no export on the reference',
					cardsWritten: outcome.written.reduce((total, writer) => total + Object.keys(writer.cards).length, 0),
					received: outcome.received,
					latencyPerSecond: timeline(outcome)
				}
			};
		} finally {
			await fleet.end();
		}
	});
}

/** A board already holding `scenario.cards` cards, some people typing on it, and new participants joining one by one. */
export async function runJoin(scenario: Scenario, target: Target, settings: Settings): Promise<TargetResult> {
	return withServer(target, settings, async (server) => {
		const { boards } = await prepareBoards(server, 1);
		const { fleet, connectMs } = await Fleet.connect({
			target,
			httpUrl: server.httpUrl,
			yjsUrl: server.yjsUrl,
			boards,
			participantsPerBoard: scenario.participantsPerBoard,
			fullClients: 0,
			lightProcesses: settings.lightProcesses
		});
		try {
			const cardsEach = Math.ceil((scenario.cards ?? 0) / scenario.participantsPerBoard);
			const seeded = (await Promise.all(fleet.light.map((remote) => remote.call('seed', { cardsEach })))).reduce((a, b) => a + b, 0);
			await sleep(2000);
			const until = Date.now() + settings.durationMs;
			const cpuBefore = cpuSeconds(server.pid);
			const machineBefore = machineBusySeconds();
			await fleet.start(until, WORKSHOP);
			await sleep(1000);
			const joiners = Math.max(5, Math.round(settings.durationMs / 1500));
			const timings = await fleet.probe.call('timeJoins', { board: 0, count: joiners, pauseMs: 500 });
			await sleep(until - Date.now());
			const serverCpuSeconds = cpuSeconds(server.pid) - cpuBefore;
			const machineCpu = machineBusySeconds() - machineBefore;
			const outcome = await fleet.finish(SETTLE_MS);
			const details: Record<string, unknown> = {
				connectMs,
				cardsSeeded: seeded,
				cardsSeenByJoiners: timings.map((timing) => timing.cards),
				joinRequestMs: target === 'ours' ? distribution(timings.map((timing) => timing.joinMs)) : 'no join on the reference'
			};
			if (target === 'ours') {
				const participant = await joinBoard(server.httpUrl, boards[0].joinCode, 'Seitenmessung');
				details.boardPage = await timeToFirstByte(server.httpUrl, `/boards/${boards[0].id}`, participant.cookie, 10);
			}
			return {
				target,
				participants: scenario.participantsPerBoard,
				measures: 'join until synced',
				latencyMs: distribution(timings.map((timing) => timing.syncMs)),
				...loadFigures(outcome, settings.durationMs / 1000),
				lost: 0,
				serverCpuSeconds,
				otherCpuSeconds: othersOf(machineCpu, serverCpuSeconds, outcome),
				details
			};
		} finally {
			await fleet.end();
		}
	});
}

/** WeDo Board stopped (SIGTERM) and started again on the same port and database while everyone stays on the board. */
export async function runRestart(scenario: Scenario, target: Target, settings: Settings): Promise<TargetResult> {
	return withServer(target, settings, async (first, memory) => {
		const { boards, facilitator } = await prepareBoards(first, 1);
		const { fleet, connectMs } = await Fleet.connect({
			target,
			httpUrl: first.httpUrl,
			yjsUrl: first.yjsUrl,
			boards,
			participantsPerBoard: scenario.participantsPerBoard,
			fullClients: settings.fullClients,
			lightProcesses: settings.lightProcesses
		});
		let second: RunningTarget | undefined;
		try {
			await sleep(1000);
			const until = Date.now() + Math.max(settings.durationMs, 15_000);
			const cpuBefore = cpuSeconds(first.pid);
			const machineBefore = machineBusySeconds();
			await fleet.start(until, WORKSHOP);
			await sleep(settings.durationMs / 3);
			const firstCpu = cpuSeconds(first.pid) - cpuBefore;
			memory.note(first.pid);
			const since = now();
			await first.stop();
			second = await startOurs({ dataDir: first.dataDir, port: first.port, nodeFlags: settings.nodeFlags });
			const restartMs = now() - since;
			const resync = await fleet.resync(since, 30_000);
			await sleep(until - Date.now());
			const serverCpuSeconds = firstCpu + cpuSeconds(second.pid);
			const machineCpu = machineBusySeconds() - machineBefore;
			memory.note(second.pid);
			const outcome = await fleet.finish(SETTLE_MS);
			const onServer = await serverMismatches(second, facilitator, boards, outcome);
			const notBack = resync.filter((ms) => ms === null).length;
			return {
				target,
				participants: scenario.participantsPerBoard,
				measures: 'restart until synced again',
				latencyMs: distribution(resync.filter((ms): ms is number => ms !== null)),
				...loadFigures(outcome, (until - since) / 1000),
				lost: outcome.lostUpdates + outcome.cardMismatches + onServer + notBack,
				serverCpuSeconds,
				otherCpuSeconds: othersOf(machineCpu, serverCpuSeconds, outcome),
				details: {
					connectMs,
					restartMs,
					notSyncedAgain: notBack,
					lostUpdates: outcome.lostUpdates,
					cardMismatchesAtClients: outcome.cardMismatches,
					cardMismatchesOnServer: onServer,
					updateLatencyMs: distribution(outcome.latencies)
				}
			};
		} finally {
			await fleet.end();
			await second?.stop();
		}
	});
}

/** Dots a participant places in the vote phase, and the pause before each (ms). */
const DOTS = 5;
const DOT_PAUSE_MS: [number, number] = [1000, 6000];
/** The vote phase's place in a new board's plan (collect, cluster, vote, …). */
const VOTE_PHASE_INDEX = 2;

/**
 * A board of cards in its vote phase: everyone places their dots over socket.io
 * at once while the facilitator's projector receives the totals after each.
 */
export async function runVote(scenario: Scenario, target: Target, settings: Settings): Promise<TargetResult> {
	return withServer(target, settings, async (server) => {
		const { boards, facilitator } = await prepareBoards(server, 1);
		const { fleet, connectMs } = await Fleet.connect({
			target,
			httpUrl: server.httpUrl,
			yjsUrl: server.yjsUrl,
			boards,
			participantsPerBoard: scenario.participantsPerBoard,
			fullClients: 0,
			lightProcesses: settings.lightProcesses
		});
		const projector = await connectBoardSocket(server.httpUrl, boards[0].id, facilitator!.cookie);
		try {
			const cardsEach = Math.ceil((scenario.cards ?? 0) / scenario.participantsPerBoard);
			await Promise.all(fleet.light.map((remote) => remote.call('seed', { cardsEach })));
			await sleep(2000);
			let results = 0;
			let totals: Record<string, number> = {};
			projector.on('votes:results', (message: { totals: Record<string, number> }) => {
				results++;
				totals = message.totals;
			});
			for (const [event, input] of [['phase:go', { index: VOTE_PHASE_INDEX }], ['votes:open', {}]] as const) {
				const answer = await command(projector, event, input);
				if (!answer.ok) throw new Error(`${event} refused: ${answer.error.message}`);
			}
			const started = Date.now();
			const until = started + settings.durationMs;
			const cpuBefore = cpuSeconds(server.pid);
			const machineBefore = machineBusySeconds();
			const outcomes = await Promise.all(
				fleet.light.map((remote) => remote.call('vote', { dots: DOTS, pauseMs: DOT_PAUSE_MS, until }))
			);
			const seconds = (Date.now() - started) / 1000;
			const serverCpuSeconds = cpuSeconds(server.pid) - cpuBefore;
			const machineCpu = machineBusySeconds() - machineBefore;
			await sleep(1000);
			const accepted = outcomes.reduce((sum, outcome) => sum + outcome.accepted, 0);
			const counted = Object.values(totals).reduce((sum, count) => sum + count, 0);
			const generatorCpuSeconds = outcomes.reduce((sum, outcome) => sum + outcome.cpuMs, 0) / 1000;
			const latencies = outcomes.flatMap((outcome) => outcome.latencies);
			return {
				target,
				participants: scenario.participantsPerBoard,
				measures: 'vote until answered',
				latencyMs: distribution(latencies),
				sentPerSecond: latencies.length / seconds,
				deliveredUpdatesPerSecond: results / seconds,
				deliveredMessagesPerSecond: results / seconds,
				lost: Math.abs(accepted - counted),
				serverCpuSeconds,
				generatorCpuSeconds,
				otherCpuSeconds: Math.max(0, machineCpu - serverCpuSeconds - generatorCpuSeconds),
				details: {
					connectMs,
					votesAccepted: accepted,
					dotsOnProjector: counted,
					refused: outcomes.map((outcome) => outcome.refused),
					resultsAtProjector: results
				}
			};
		} finally {
			projector.close();
			await fleet.end();
		}
	});
}

/** JavaScript and CSS a participant downloads to join and open a board, and the board page's time to first byte. */
export async function runFrontend(): Promise<{ weight: PageWeight; boardPageTtfbMs: Distribution & { bytes: number } }> {
	const server = await startOurs();
	try {
		const { boards } = await createBoards(server.httpUrl, 1);
		const participant = await joinBoard(server.httpUrl, boards[0].joinCode, 'Seitenmessung');
		const weight = await measurePageWeight(server.httpUrl, boards[0].joinCode, boards[0].id, participant.cookie);
		const boardPageTtfbMs = await timeToFirstByte(server.httpUrl, `/boards/${boards[0].id}`, participant.cookie, 20);
		return { weight, boardPageTtfbMs };
	} finally {
		await server.stop();
		removeDataDir(server.dataDir);
	}
}
