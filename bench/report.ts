/**
 * The bench's output: one table row per scenario and server, our/reference
 * ratios, the budgets of the issue with whether they were met, and the JSON file.
 */
import type { Distribution } from './measure';
import type { Scenario, TargetResult } from './scenario-kit';
import type { PageWeight } from './frontend';

export interface ScenarioOutcome {
	scenario: Scenario;
	ours?: TargetResult;
	reference?: TargetResult;
	ratios?: Record<string, number>;
	error?: string;
}

export interface FrontendOutcome {
	weight: PageWeight;
	boardPageTtfbMs: Distribution & { bytes: number };
}

export interface Budget {
	name: string;
	met: boolean | null;
	figures: string;
}

const ms = (value: number) =>
	Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : value.toFixed(0)) : '–';
const mb = (bytes: number | null) => (bytes === null ? '–' : (bytes / 1024 / 1024).toFixed(1));
const rate = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0));

export function ratiosOf(ours: TargetResult, reference: TargetResult): Record<string, number> {
	const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
	return {
		p50: ratio(ours.latencyMs.p50, reference.latencyMs.p50),
		p95: ratio(ours.latencyMs.p95, reference.latencyMs.p95),
		p99: ratio(ours.latencyMs.p99, reference.latencyMs.p99),
		serverCpu: ratio(ours.serverCpuSeconds, reference.serverCpuSeconds),
		peakRss: ratio(ours.peakRssBytes, reference.peakRssBytes)
	};
}

const COLUMNS = [
	'scenario',
	'server',
	'people',
	'measures',
	'p50',
	'p95',
	'p99',
	'max ms',
	'sent/s',
	'upd in/s',
	'lost',
	'srv CPU s',
	'RSS MB',
	'DB MB',
	'gen CPU s',
	'other CPU s'
];

function row(id: string, result: TargetResult): string[] {
	const latency = result.latencyMs;
	return [
		id,
		result.target,
		String(result.participants),
		result.measures,
		ms(latency.p50),
		ms(latency.p95),
		ms(latency.p99),
		ms(latency.max),
		rate(result.sentPerSecond),
		rate(result.deliveredUpdatesPerSecond),
		String(result.lost),
		result.serverCpuSeconds.toFixed(1),
		mb(result.peakRssBytes),
		mb(result.databaseBytes),
		result.generatorCpuSeconds.toFixed(1),
		result.otherCpuSeconds.toFixed(1)
	];
}

export function table(outcomes: ScenarioOutcome[]): string {
	const rows: string[][] = [COLUMNS];
	for (const outcome of outcomes) {
		if (outcome.error) {
			rows.push([outcome.scenario.id, 'failed', '', outcome.error.split('\n')[0].slice(0, 80)]);
			continue;
		}
		if (outcome.ours) rows.push(row(outcome.scenario.id, outcome.ours));
		if (outcome.reference) rows.push(row(outcome.scenario.id, outcome.reference));
		if (outcome.ratios) {
			const r = outcome.ratios;
			const x = (value: number) =>
				!Number.isFinite(value) ? '–' : value < 0.01 ? '<0.01×' : `${value.toFixed(2)}×`;
			rows.push([
				outcome.scenario.id,
				'ours/ref',
				'',
				'',
				x(r.p50),
				x(r.p95),
				x(r.p99),
				'',
				'',
				'',
				'',
				x(r.serverCpu),
				x(r.peakRss),
				'',
				'',
				''
			]);
		}
	}
	const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) =>
				column < 4 ? (cell ?? '').padEnd(widths[column]) : (cell ?? '').padStart(widths[column])
			)
			.join('  ');
	return [
		line(rows[0]),
		widths.map((width) => '-'.repeat(width)).join('  '),
		...rows.slice(1).map(line)
	].join('\n');
}

function find(outcomes: ScenarioOutcome[], id: string): ScenarioOutcome | undefined {
	return outcomes.find((outcome) => outcome.scenario.id === id && !outcome.error);
}

/** The budgets of the issue, each judged on the figures of this run (null: not measured in this run). */
export function budgets(outcomes: ScenarioOutcome[], frontend: FrontendOutcome | undefined): Budget[] {
	const list: Budget[] = [];
	const board300 = find(outcomes, 'board-300');
	if (board300?.ours) {
		const ours = board300.ours;
		const reference = board300.reference;
		const within = (mine: number, theirs: number | undefined) =>
			theirs === undefined ? null : mine <= Math.max(theirs * 1.5, theirs + 5);
		const nearP95 = within(ours.latencyMs.p95, reference?.latencyMs.p95);
		const nearP99 = within(ours.latencyMs.p99, reference?.latencyMs.p99);
		list.push({
			name: '300 on one board: p95 ≤ 15 ms, p99 ≤ 50 ms',
			met: ours.latencyMs.p95 <= 15 && ours.latencyMs.p99 <= 50,
			figures: `p95 ${ms(ours.latencyMs.p95)} ms, p99 ${ms(ours.latencyMs.p99)} ms`
		});
		list.push({
			name: '300 on one board: p95 and p99 within 1.5× (or +5 ms) of the reference',
			met: nearP95 === null || nearP99 === null ? null : nearP95 && nearP99,
			figures: reference
				? `reference p95 ${ms(reference.latencyMs.p95)} ms, p99 ${ms(reference.latencyMs.p99)} ms`
				: 'reference not run'
		});
		list.push({ name: '300 on one board: 0 lost', met: ours.lost === 0, figures: `${ours.lost} lost` });
		list.push({
			name: '300 on one board: server peak RSS ≤ 250 MB',
			met: ours.peakRssBytes <= 250 * 1024 * 1024,
			figures: `${mb(ours.peakRssBytes)} MB`
		});
	}
	const board500 = find(outcomes, 'board-500')?.ours;
	if (board500) {
		list.push({
			name: '500 on one board: p99 ≤ 100 ms, 0 lost',
			met: board500.latencyMs.p99 <= 100 && board500.lost === 0,
			figures: `p99 ${ms(board500.latencyMs.p99)} ms, ${board500.lost} lost`
		});
	}
	const boards = find(outcomes, 'boards-20x25')?.ours;
	if (boards) {
		list.push({
			name: '20 boards × 25: p99 ≤ 50 ms',
			met: boards.latencyMs.p99 <= 50,
			figures: `p99 ${ms(boards.latencyMs.p99)} ms`
		});
	}
	const join = find(outcomes, 'join-1000')?.ours;
	if (join) {
		list.push({
			name: 'Joining a board with 1,000 cards: synced ≤ 500 ms',
			met: join.latencyMs.max <= 500,
			figures: `max ${ms(join.latencyMs.max)} ms, p50 ${ms(join.latencyMs.p50)} ms (the WebSocket sync)`
		});
		// Not a budget of its own, but what a joining browser loads before it can sync.
		const page = join.details.boardPage as (Distribution & { bytes: number }) | undefined;
		if (page) {
			list.push({
				name: '… and the board page it loads first: time to first byte within the same 500 ms',
				met: page.p95 <= 500,
				figures: `p50 ${ms(page.p50)} ms, p95 ${ms(page.p95)} ms, ${(page.bytes / 1024 / 1024).toFixed(1)} MB HTML`
			});
		}
	}
	const restart = find(outcomes, 'restart-300')?.ours;
	if (restart) {
		list.push({
			name: 'Restart with 300: all synced again ≤ 10 s, nothing lost',
			met: restart.latencyMs.max <= 10_000 && restart.lost === 0,
			figures: `last back after ${ms(restart.latencyMs.max)} ms, ${restart.lost} lost`
		});
	}
	if (frontend) {
		const kb = frontend.weight.javascriptGzipBytes / 1024;
		list.push({
			name: 'First load: ≤ 150 KB JavaScript (gzip)',
			met: kb <= 150,
			figures: `${kb.toFixed(1)} KB JS, ${(frontend.weight.cssGzipBytes / 1024).toFixed(1)} KB CSS`
		});
	}
	return list;
}

export function budgetLines(list: Budget[]): string {
	const mark = (met: boolean | null) => (met === null ? 'n/a ' : met ? 'met ' : 'MISS');
	return list.map((budget) => `${mark(budget.met)}  ${budget.name}  (${budget.figures})`).join('\n');
}

export function frontendLines(frontend: FrontendOutcome): string {
	const { weight, boardPageTtfbMs } = frontend;
	return [
		`JavaScript ${(weight.javascriptGzipBytes / 1024).toFixed(1)} KB gzip, CSS ${(weight.cssGzipBytes / 1024).toFixed(1)} KB gzip in ${weight.files.length} files (join page + board page)`,
		`Largest: ${[...weight.files]
			.sort((a, b) => b.gzipBytes - a.gzipBytes)
			.slice(0, 4)
			.map((file) => `${file.path.split('/').pop()} ${(file.gzipBytes / 1024).toFixed(1)} KB`)
			.join(', ')}`,
		`Board page (empty board): time to first byte p50 ${ms(boardPageTtfbMs.p50)} ms, p95 ${ms(boardPageTtfbMs.p95)} ms, ${(boardPageTtfbMs.bytes / 1024).toFixed(1)} KB HTML`
	].join('\n');
}
