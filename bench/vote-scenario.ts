/**
 * The vote scenario: a board of cards in its vote phase, everyone placing
 * their dots over socket.io at once, the projector receiving the totals.
 */
import { Fleet } from './fleet';
import { distribution } from './measure';
import {
	prepareBoards,
	sleep,
	withServer,
	type Scenario,
	type Settings,
	type TargetResult
} from './scenario-kit';
import { cpuSeconds, machineBusySeconds } from './targets';
import { command, connectBoardSocket } from './voting';
import type { Target } from './worker';

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
			for (const [event, input] of [
				['phase:go', { index: VOTE_PHASE_INDEX }],
				['votes:open', {}]
			] as const) {
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
