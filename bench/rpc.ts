/**
 * Request and answer between the bench and its load processes over the fork
 * IPC channel: `call(name, argument)` in the parent runs `handlers[name]` in the child.
 */
import { fork, type ChildProcess } from 'node:child_process';

// Handlers take and return plain JSON; each side names the types it exchanges.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handlers = Record<string, (argument: any) => unknown>;

interface Request {
	id: number;
	name: string;
	argument: unknown;
}

interface Answer {
	id: number;
	result?: unknown;
	error?: string;
}

export interface Remote<H extends Handlers> {
	readonly pid: number;
	call<K extends keyof H & string>(
		name: K,
		argument: Parameters<H[K]>[0]
	): Promise<Awaited<ReturnType<H[K]>>>;
	/** Asks the process to end and waits for it (killed if it does not end within 5 s). */
	end(): Promise<void>;
}

/** Starts `script` (TypeScript, through tsx) as a load process. */
export function spawnRemote<H extends Handlers>(script: string, label: string): Remote<H> {
	const child: ChildProcess = fork(script, [label], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	let nextId = 1;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.on('message', (message: Answer) => {
		const waiting = pending.get(message.id);
		if (!waiting) return;
		pending.delete(message.id);
		if (message.error !== undefined) waiting.reject(new Error(`${label}: ${message.error}`));
		else waiting.resolve(message.result);
	});
	child.once('exit', (code, signal) => {
		for (const waiting of pending.values()) {
			waiting.reject(new Error(`${label} exited (${code ?? signal}) before answering`));
		}
		pending.clear();
	});
	return {
		pid: child.pid!,
		call(name, argument) {
			const id = nextId++;
			return new Promise((resolve, reject) => {
				pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
				child.send({ id, name, argument } satisfies Request);
			});
		},
		async end() {
			if (child.exitCode === null && child.signalCode === null)
				child.send({ id: 0, name: 'exit', argument: null });
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** In the child: answers the parent's calls until it asks the process to end. */
export function serve(handlers: Handlers, onExit: () => void): void {
	process.on('message', (request: Request) => {
		if (request.name === 'exit') {
			onExit();
			process.exit(0);
		}
		const handler = handlers[request.name];
		Promise.resolve()
			.then(() => {
				if (!handler) throw new Error(`unknown call ${request.name}`);
				return handler(request.argument);
			})
			.then(
				(result) => process.send!({ id: request.id, result } satisfies Answer),
				(error: unknown) =>
					process.send!({ id: request.id, error: error instanceof Error ? error.stack : String(error) })
			);
	});
	// The bench may die without saying goodbye: a load process never outlives it.
	process.on('disconnect', () => process.exit(0));
}
