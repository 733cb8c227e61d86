/**
 * The servers under test, each a child process whose CPU time and peak memory
 * are read from /proc: WeDo Board as `npm start` runs it, on a throw-away data
 * directory, and the plain reference server `@y/websocket-server` (no
 * authentication, no persistence), both on 127.0.0.1 only.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from './worker';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

const START_TIMEOUT_MS = 60_000;

/** Servers still running and data directories not yet removed: a bench that fails or is interrupted (Ctrl-C) leaves none behind. */
const running = new Set<ChildProcess>();
const temporaryDirs = new Set<string>();
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
	for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

function clockTicksPerSecond(): number {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
}
const CLOCK_TICKS = clockTicksPerSecond();

/** User plus system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds the whole machine spent busy so far (all processes, all cores). */
export function machineBusySeconds(): number {
	const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
	// user nice system idle iowait irq softirq steal; the guest fields after them are already in user.
	const ticks = line.split(/\s+/).slice(1, 9).map(Number);
	const idle = ticks[3] + (ticks[4] ?? 0);
	return (ticks.reduce((sum, value) => sum + value, 0) - idle) / CLOCK_TICKS;
}

/** The process's peak resident memory (VmHWM), in bytes. */
export function peakRssBytes(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
	return match ? Number(match[1]) * 1024 : 0;
}

export function directoryBytes(directory: string): number {
	let total = 0;
	for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
		const full = path.join(directory, entry.name);
		total += entry.isDirectory() ? directoryBytes(full) : fs.statSync(full).size;
	}
	return total;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export interface RunningTarget {
	target: Target;
	pid: number;
	port: number;
	httpUrl: string;
	/** Base of the Yjs endpoint: a board's room is `${yjsUrl}/${boardId}`. */
	yjsUrl: string;
	dataDir: string | undefined;
	/** Bearer token for WeDo Board's `/metrics`; undefined on the reference. */
	metricsToken: string | undefined;
	output(): string;
	/** SIGTERM (a graceful stop for WeDo Board) and waits for the exit. */
	stop(): Promise<void>;
}

/** Environment without anything that would change how the servers behave (e.g. the reference's LevelDB persistence). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[key]) env[key] = process.env[key];
	return { ...env, ...extra };
}

function launch(
	args: string[],
	env: NodeJS.ProcessEnv,
	ready: (output: string) => boolean
): Promise<{ child: ChildProcess; output(): string }> {
	const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	child.once('exit', () => running.delete(child));
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
		}, START_TIMEOUT_MS);
		const onData = (chunk: string) => {
			output += chunk;
			if (output.length > 200_000) output = output.slice(-100_000);
			if (!ready(output)) return;
			clearTimeout(timer);
			child.stdout!.off('data', onData);
			child.stdout!.on('data', (more: string) => (output = (output + more).slice(-100_000)));
			resolve({ child, output: () => output });
		};
		child.stdout!.setEncoding('utf8').on('data', onData);
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`server exited early (${code ?? signal}):\n${output}`));
		});
	});
}

function stopper(child: ChildProcess): () => Promise<void> {
	return () =>
		new Promise((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			child.kill('SIGTERM');
		});
}

export interface OursOptions {
	dataDir?: string;
	port?: number;
	/** Extra node flags, e.g. `--cpu-prof`. */
	nodeFlags?: string[];
}

/** WeDo Board through `scripts/start.js`, as `npm start` runs it. */
export async function startOurs(options: OursOptions = {}): Promise<RunningTarget> {
	let dataDir = options.dataDir;
	if (!dataDir) {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wedo-bench-'));
		temporaryDirs.add(dataDir);
	}
	const port = options.port ?? (await freePort());
	const metricsToken = randomBytes(16).toString('hex');
	const env = cleanEnv({
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		LOG_LEVEL: 'info',
		METRICS_TOKEN: metricsToken
	});
	const { child, output } = await launch([...(options.nodeFlags ?? []), 'scripts/start.js'], env, (text) =>
		text.includes(`"port":${port}`)
	);
	return {
		target: 'ours',
		pid: child.pid!,
		port,
		httpUrl: `http://127.0.0.1:${port}`,
		yjsUrl: `ws://127.0.0.1:${port}/yjs`,
		dataDir,
		metricsToken,
		output,
		stop: stopper(child)
	};
}

/** Sums of WeDo Board's Prometheus counters and histograms by name (labels added up). */
export async function readMetrics(server: RunningTarget): Promise<Record<string, number>> {
	if (!server.metricsToken) return {};
	const response = await fetch(`${server.httpUrl}/metrics`, {
		headers: { authorization: `Bearer ${server.metricsToken}` }
	});
	if (!response.ok) return {};
	const sums: Record<string, number> = {};
	for (const line of (await response.text()).split('\n')) {
		const match = /^(wedo_[a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
		if (match) sums[match[1]] = (sums[match[1]] ?? 0) + Number(match[2]);
	}
	return sums;
}

/** `@y/websocket-server`'s own server script; its rooms are named by the URL path, so `/yjs/<id>` works unchanged. */
export async function startReference(): Promise<RunningTarget> {
	const require = createRequire(import.meta.url);
	const script = path.join(
		path.dirname(require.resolve('@y/websocket-server/package.json')),
		'src',
		'server.js'
	);
	const port = await freePort();
	// Only HOST and PORT: without YPERSISTENCE it keeps documents in memory, without CALLBACK_URL it calls nobody.
	const env = cleanEnv({ HOST: '127.0.0.1', PORT: String(port) });
	const { child, output } = await launch([script], env, (text) => text.includes(`on port ${port}`));
	return {
		target: 'reference',
		pid: child.pid!,
		port,
		httpUrl: `http://127.0.0.1:${port}`,
		yjsUrl: `ws://127.0.0.1:${port}/yjs`,
		dataDir: undefined,
		metricsToken: undefined,
		output,
		stop: stopper(child)
	};
}

/** Removes a temporary data directory once its size has been read. */
export function removeDataDir(dataDir: string | undefined): void {
	if (!dataDir || !temporaryDirs.delete(dataDir)) return;
	fs.rmSync(dataDir, { recursive: true, force: true });
}
