/**
 * The load processes of one run: a few processes of light clients and one
 * "probe" process with the full stock clients that measure. Participants are
 * spread over boards and processes; the full clients go one per board in turn.
 */
import { fileURLToPath } from 'node:url';
import type { BenchBoard } from './api';
import { matchDeliveries, type Delivery } from './measure';
import { spawnRemote, type Remote } from './rpc';
import type { Behaviour, SendLog } from './typist';
import type { ParticipantPlan, ReceiverReport, Target, WorkerHandlers, WorkerReport } from './worker';
import type { Received } from './light-client';

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface FleetPlan {
	target: Target;
	httpUrl: string;
	yjsUrl: string;
	boards: BenchBoard[];
	participantsPerBoard: number;
	fullClients: number;
	lightProcesses: number;
}

export interface LoadOutcome extends Delivery {
	sends: number;
	received: Received;
	generatorCpuSeconds: number;
	refusedConnections: Record<number, number>;
	written: WorkerReport['cards'];
	receivers: ReceiverReport[];
}

export class Fleet {
	private constructor(
		readonly probe: Remote<WorkerHandlers>,
		readonly light: Array<Remote<WorkerHandlers>>,
		private readonly plan: FleetPlan
	) {}

	get all(): Array<Remote<WorkerHandlers>> {
		return [this.probe, ...this.light];
	}

	get pids(): number[] {
		return this.all.map((remote) => remote.pid);
	}

	/** Starts the processes; every participant joins (on WeDo Board, through the API) and is synced when this resolves. */
	static async connect(plan: FleetPlan): Promise<{ fleet: Fleet; connectMs: number }> {
		const probe = spawnRemote<WorkerHandlers>(WORKER_SCRIPT, 'probe');
		const light = Array.from({ length: plan.lightProcesses }, (_, i) =>
			spawnRemote<WorkerHandlers>(WORKER_SCRIPT, `load-${i + 1}`)
		);
		const fleet = new Fleet(probe, light, plan);
		try {
			const shares: ParticipantPlan[][] = [[], ...light.map(() => [])];
			let index = 0;
			for (let seat = 0; seat < plan.participantsPerBoard; seat++) {
				for (let board = 0; board < plan.boards.length; board++) {
					const name = `Teilnehmerin ${board + 1}-${seat + 1}`;
					if (index < plan.fullClients) shares[0].push({ board, name, kind: 'full' });
					else shares[1 + (index % light.length)].push({ board, name, kind: 'light' });
					index++;
				}
			}
			const started = Date.now();
			await Promise.all(
				fleet.all.map((remote, i) =>
					remote.call('connect', {
						target: plan.target,
						httpUrl: plan.httpUrl,
						yjsUrl: plan.yjsUrl,
						boards: plan.boards,
						participants: shares[i]
					})
				)
			);
			return { fleet, connectMs: Date.now() - started };
		} catch (error) {
			await fleet.end();
			throw error;
		}
	}

	async start(until: number, behaviour: Behaviour): Promise<void> {
		await Promise.all(this.all.map((remote) => remote.call('start', { until, behaviour })));
	}

	/** Stops writing, waits until the measuring clients hold every change (at most `settleMs`) and matches. */
	async finish(settleMs: number): Promise<LoadOutcome> {
		const reports = await Promise.all(this.all.map((remote) => remote.call('finish', undefined)));
		const sends: SendLog[] = reports.flatMap((report) => report.sends);
		const targets: Record<number, Record<number, number>> = {};
		for (const log of sends) {
			if (log.clocks.length === 0) continue;
			(targets[log.board] ??= {})[log.clientId] = log.clocks[log.clocks.length - 1];
		}
		const receivers = await this.probe.call('settle', { targets, timeoutMs: settleMs });
		const written = reports.flatMap((report) => report.cards);
		const received: Received = { updates: 0, awareness: 0, other: 0 };
		for (const report of reports) {
			for (const key of Object.keys(received) as Array<keyof Received>) received[key] += report.received[key];
		}
		return {
			...matchDeliveries(sends, receivers, written),
			sends: sends.reduce((total, log) => total + log.clocks.length, 0),
			received,
			generatorCpuSeconds: reports.reduce((total, report) => total + report.cpuMs, 0) / 1000,
			refusedConnections: reports.reduce<Record<number, number>>((sum, report) => {
				for (const [code, count] of Object.entries(report.refusedConnections)) {
					sum[Number(code)] = (sum[Number(code)] ?? 0) + count;
				}
				return sum;
			}, {}),
			written,
			receivers
		};
	}

	/** After a restart at `since`: each participant's time until it was synced again (null: not within `timeoutMs`). */
	async resync(since: number, timeoutMs: number): Promise<Array<number | null>> {
		const answers = await Promise.all(this.all.map((remote) => remote.call('resync', { since, timeoutMs })));
		return answers.flat();
	}

	get boards(): BenchBoard[] {
		return this.plan.boards;
	}

	async end(): Promise<void> {
		await Promise.all(this.all.map((remote) => remote.end()));
	}
}
