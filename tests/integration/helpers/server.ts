/**
 * Runs the production server (`node scripts/start.js`) as a child process, the
 * way `npm start` does, on a random free port and a throw-away data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const START_TIMEOUT_MS = 30_000;

export interface StartOptions {
	/** Reuse a data directory (e.g. to restart on the same database); a fresh temporary one otherwise. */
	dataDir?: string;
	env?: Record<string, string>;
}

export interface ExitResult {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface RunningServer {
	url: string;
	/** `ws://…` base of the same server. */
	wsUrl: string;
	port: number;
	dataDir: string;
	databaseFile: string;
	/** Everything the process wrote so far (stdout and stderr). */
	output(): string;
	/** SIGTERM, then waits for the process to exit. */
	stop(): Promise<ExitResult>;
	/** SIGKILL (a crash), then waits for the process to exit. */
	kill(): Promise<ExitResult>;
}

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
// A failed test must not leave servers behind; the data directories go with the test process.
process.once('exit', () => {
	for (const child of children) child.kill('SIGKILL');
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

export function makeTempDir(prefix = 'wedo-it-'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.add(dir);
	return dir;
}

function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	// The test runner's own settings must not leak into the product.
	for (const key of Object.keys(env)) {
		if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'ORIGIN' || key === 'PROTOCOL_HEADER') {
			delete env[key];
		}
	}
	return { ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...extra };
}

/** Waits a while for a build that is being rewritten (`vite build` empties build/ first). */
async function waitForBuild(timeoutMs = 45_000): Promise<void> {
	const handler = path.join(PROJECT_ROOT, 'build', 'handler.js');
	const deadline = Date.now() + timeoutMs;
	while (!fs.existsSync(handler)) {
		if (Date.now() > deadline) {
			throw new Error('No build found: run `npx vite build` before the integration tests.');
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

interface Spawned {
	child: ChildProcess;
	output(): string;
	exited: Promise<ExitResult>;
}

function spawnServer(dataDir: string, env?: Record<string, string>): Spawned {
	const child = spawn(process.execPath, ['scripts/start.js'], {
		cwd: PROJECT_ROOT,
		env: childEnv(dataDir, env),
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group, so that a build it starts can be stopped with it.
		detached: true
	});
	children.add(child);
	let output = '';
	let stopped = false;
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
		// build/ vanished after we looked (someone runs `vite build`): start.js would build
		// too, racing the other build. Stop it; the caller waits for the build and retries.
		if (!stopped && output.includes(NO_BUILD) && child.pid) {
			stopped = true;
			process.kill(-child.pid, 'SIGKILL');
		}
	});
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	const exited = new Promise<ExitResult>((resolve) => {
		child.once('exit', (code, signal) => {
			children.delete(child);
			resolve({ code, signal });
		});
	});
	return { child, output: () => output, exited };
}

/** The port from the first JSON log line that names one. */
function portFrom(output: string): number | undefined {
	for (const line of output.split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			const entry = JSON.parse(line) as { port?: unknown };
			if (typeof entry.port === 'number' && entry.port > 0) return entry.port;
		} catch {
			// a partial line; the rest arrives with the next chunk
		}
	}
	return undefined;
}

/** What scripts/start.js prints before it builds. */
const NO_BUILD = 'No build found';

/** The process died because build/ vanished under it (a `vite build` running alongside); worth a retry. */
class BuildChangedError extends Error {}

function buildVanished(output: string): boolean {
	return (
		output.includes(NO_BUILD) ||
		/(ERR_MODULE_NOT_FOUND|ENOENT)[^\n]*[\\/]build[\\/]/.test(output) ||
		/[\\/]build[\\/]\S*'? imported from/.test(output)
	);
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	const dataDir = options.dataDir ?? makeTempDir();
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce(dataDir, options.env);
		} catch (error) {
			if (!(error instanceof BuildChangedError) || attempt >= 3) throw error;
			// Give the build that is being written time to finish.
			await new Promise((resolve) => setTimeout(resolve, 3000));
		}
	}
}

async function startOnce(dataDir: string, env: Record<string, string> | undefined): Promise<RunningServer> {
	await waitForBuild();
	const spawned = spawnServer(dataDir, env);
	const { child, output, exited } = spawned;

	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`Server did not report its port within ${START_TIMEOUT_MS} ms:\n${output()}`));
		}, START_TIMEOUT_MS);
		const check = () => {
			const found = portFrom(output());
			if (found === undefined) return;
			clearTimeout(timer);
			child.stdout!.off('data', check);
			resolve(found);
		};
		child.stdout!.on('data', check);
		void exited.then((result) => {
			clearTimeout(timer);
			const message = `Server exited early (${JSON.stringify(result)}):\n${output()}`;
			reject(buildVanished(output()) ? new BuildChangedError(message) : new Error(message));
		});
	});

	const url = `http://127.0.0.1:${port}`;
	const signal = async (name: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) child.kill(name);
		return exited;
	};
	return {
		url,
		wsUrl: url.replace(/^http/, 'ws'),
		port,
		dataDir,
		databaseFile: path.join(dataDir, 'wedo.sqlite'),
		output,
		stop: () => signal('SIGTERM'),
		kill: () => signal('SIGKILL')
	};
}

/** Starts the server expecting it to refuse to run; resolves with its exit and everything it wrote. */
export async function runUntilExit(
	options: StartOptions & { timeoutMs?: number } = {}
): Promise<ExitResult & { output: string }> {
	const dataDir = options.dataDir ?? makeTempDir();
	const timeoutMs = options.timeoutMs ?? START_TIMEOUT_MS;
	for (let attempt = 1; ; attempt++) {
		await waitForBuild();
		const { child, output, exited } = spawnServer(dataDir, options.env);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const result = await exited;
		clearTimeout(timer);
		if (buildVanished(output()) && attempt < 3) {
			await new Promise((resolve) => setTimeout(resolve, 3000));
			continue;
		}
		return { ...result, output: output() };
	}
}
