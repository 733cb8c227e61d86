/**
 * The load scenarios of `npm run bench`: people writing on boards, a new
 * participant joining a full board, and a server restart under load. Each runs
 * against WeDo Board and (where it applies) the reference, on fresh processes.
 */
import { joinBoard } from './api';
import { Fleet } from './fleet';
import { timeToFirstByte } from './frontend';
import { distribution, timeline } from './measure';
import {
	loadFigures,
	othersOf,
	prepareBoards,
	serverMismatches,
	SETTLE_MS,
	sleep,
	storageFigures,
	withServer,
	type Scenario,
	type Settings,
	type TargetResult
} from './scenario-kit';
import { cpuSeconds, machineBusySeconds, readMetrics, startOurs, type RunningTarget } from './targets';
import { now, WORKSHOP } from './typist';
import type { Target } from './worker';

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
			const metrics = await readMetrics(server);
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
					cardsWritten: outcome.written.reduce(
						(total, writer) => total + Object.keys(writer.cards).length,
						0
					),
					received: outcome.received,
					refusedConnections: outcome.refusedConnections,
					...storageFigures(metrics),
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
			const seeded = (
				await Promise.all(fleet.light.map((remote) => remote.call('seed', { cardsEach })))
			).reduce((a, b) => a + b, 0);
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
				joinRequestMs:
					target === 'ours'
						? distribution(timings.map((timing) => timing.joinMs))
						: 'no join on the reference'
			};
			if (target === 'ours') {
				const participant = await joinBoard(server.httpUrl, boards[0].joinCode, 'Seitenmessung');
				details.boardPage = await timeToFirstByte(
					server.httpUrl,
					`/boards/${boards[0].id}`,
					participant.cookie,
					10
				);
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
export async function runRestart(
	scenario: Scenario,
	target: Target,
	settings: Settings
): Promise<TargetResult> {
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
