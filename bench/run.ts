/**
 * `npm run bench [-- scenario… --quick --duration=S --target=ours|reference --profile]`:
 * drives WeDo Board's production server and the reference y-websocket server
 * with the same workshop load, prints the table and writes bench/results/*.json.
 * See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	budgetLines,
	budgets,
	frontendLines,
	ratiosOf,
	table,
	type FrontendOutcome,
	type ScenarioOutcome
} from './report';
import { runFrontend } from './frontend';
import type { Scenario, Settings, TargetResult } from './scenario-kit';
import { runJoin, runLoad, runRestart } from './scenarios';
import { runVote } from './vote-scenario';
import { PROJECT_ROOT } from './targets';
import type { Target } from './worker';

const SCENARIOS: Scenario[] = [
	{
		id: 'board-100',
		title: '100 participants on one board',
		kind: 'load',
		boards: 1,
		participantsPerBoard: 100,
		targets: ['ours', 'reference']
	},
	{
		id: 'board-300',
		title: '300 participants on one board',
		kind: 'load',
		boards: 1,
		participantsPerBoard: 300,
		targets: ['ours', 'reference']
	},
	{
		id: 'board-500',
		title: '500 participants on one board',
		kind: 'load',
		boards: 1,
		participantsPerBoard: 500,
		targets: ['ours', 'reference']
	},
	{
		id: 'boards-20x25',
		title: '20 boards × 25 participants',
		kind: 'load',
		boards: 20,
		participantsPerBoard: 25,
		targets: ['ours', 'reference']
	},
	{
		id: 'join-1000',
		title: 'Joining a board with 1,000 cards (100 people typing)',
		kind: 'join',
		boards: 1,
		participantsPerBoard: 100,
		cards: 1000,
		targets: ['ours', 'reference']
	},
	// The reference has no votes and keeps nothing across a restart: these run on WeDo Board only.
	{
		id: 'vote-300',
		title: '300 participants placing 5 dots each on 300 cards',
		kind: 'vote',
		boards: 1,
		participantsPerBoard: 300,
		cards: 300,
		targets: ['ours']
	},
	{
		id: 'restart-300',
		title: 'Server restart with 300 participants',
		kind: 'restart',
		boards: 1,
		participantsPerBoard: 300,
		targets: ['ours']
	},
	{
		id: 'frontend',
		title: 'JavaScript and CSS to join and open a board; board page TTFB',
		kind: 'frontend',
		boards: 1,
		participantsPerBoard: 0,
		targets: ['ours']
	}
];

/** A smoke run: a fifth of the people (and cards) for a few seconds each. */
function quick(scenario: Scenario): Scenario {
	const perBoard =
		scenario.boards > 1
			? scenario.participantsPerBoard
			: Math.max(10, Math.round(scenario.participantsPerBoard / 5));
	const boards = scenario.boards > 1 ? Math.max(2, Math.round(scenario.boards / 5)) : scenario.boards;
	return { ...scenario, boards, participantsPerBoard: perBoard, cards: scenario.cards && scenario.cards / 5 };
}

function parse() {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			quick: { type: 'boolean', default: false },
			duration: { type: 'string' },
			target: { type: 'string', default: 'both' },
			workers: { type: 'string', default: '2' },
			full: { type: 'string', default: '4' },
			profile: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) {
		console.log(`npm run bench -- [${SCENARIOS.map((s) => s.id).join(' | ')} …] [--quick] [--duration=seconds]
  [--target=both|ours|reference] [--workers=2] [--full=4] [--profile]`);
		process.exit(0);
	}
	const unknown = positionals.filter((id) => !SCENARIOS.some((scenario) => scenario.id === id));
	if (unknown.length > 0)
		throw new Error(
			`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`
		);
	const chosen = SCENARIOS.filter(
		(scenario) => positionals.length === 0 || positionals.includes(scenario.id)
	);
	const targets: Target[] = values.target === 'both' ? ['ours', 'reference'] : [values.target as Target];
	const profileDir = path.join(PROJECT_ROOT, 'bench', 'results', 'profiles');
	const settings: Settings = {
		durationMs: Number(values.duration ?? (values.quick ? 8 : 30)) * 1000,
		lightProcesses: Number(values.workers),
		fullClients: Number(values.full),
		nodeFlags: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
	};
	return { scenarios: values.quick ? chosen.map(quick) : chosen, targets, settings, quick: values.quick };
}

function ensureBuild(): void {
	if (fs.existsSync(path.join(PROJECT_ROOT, 'build', 'handler.js'))) {
		console.log('Using the existing build/ (run `npm run build` first to bench your latest changes).');
		return;
	}
	console.log('No build found: building WeDo Board first (about a minute)…');
	const result = spawnSync(
		process.execPath,
		[path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
		{
			cwd: PROJECT_ROOT,
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) process.exit(result.status ?? 1);
}

async function runScenario(
	scenario: Scenario,
	targets: Target[],
	settings: Settings
): Promise<ScenarioOutcome> {
	const runner = { load: runLoad, join: runJoin, restart: runRestart, vote: runVote }[
		scenario.kind as 'load' | 'join' | 'restart' | 'vote'
	];
	const outcome: ScenarioOutcome = { scenario };
	try {
		for (const target of targets.filter((candidate) => scenario.targets.includes(candidate))) {
			console.log(`  ${target}…`);
			const result: TargetResult = await runner(scenario, target, settings);
			outcome[target] = result;
		}
		if (outcome.ours && outcome.reference) outcome.ratios = ratiosOf(outcome.ours, outcome.reference);
	} catch (error) {
		outcome.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
		console.error(outcome.error);
	}
	return outcome;
}

async function main(): Promise<void> {
	const { scenarios, targets, settings, quick: isQuick } = parse();
	ensureBuild();
	const started = new Date();
	const outcomes: ScenarioOutcome[] = [];
	let frontend: FrontendOutcome | undefined;
	for (const scenario of scenarios) {
		console.log(`${scenario.id}: ${scenario.title}`);
		if (scenario.kind === 'frontend') {
			frontend = await runFrontend();
			continue;
		}
		outcomes.push(await runScenario(scenario, targets, settings));
	}
	const budgetList = budgets(outcomes, frontend);
	console.log(`\n${table(outcomes)}\n`);
	if (frontend) console.log(`${frontendLines(frontend)}\n`);
	if (budgetList.length > 0)
		console.log(
			`Budgets${isQuick ? ' (a --quick run is smaller than the budgets assume)' : ''}:\n${budgetLines(budgetList)}\n`
		);

	const machine = {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		memoryBytes: os.totalmem(),
		node: process.version
	};
	const file = path.join(
		PROJECT_ROOT,
		'bench',
		'results',
		`bench-${started.toISOString().replace(/[:.]/g, '-')}.json`
	);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(
		file,
		JSON.stringify(
			{
				started: started.toISOString(),
				quick: isQuick,
				settings,
				machine,
				scenarios: outcomes,
				frontend,
				budgets: budgetList
			},
			null,
			2
		)
	);
	console.log(`Written to ${path.relative(process.cwd(), file)}`);
	if (outcomes.some((outcome) => outcome.error)) process.exitCode = 1;
}

await main();
