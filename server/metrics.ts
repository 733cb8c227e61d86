/**
 * Prometheus metrics for operators, served at `GET /metrics` with the bearer
 * token METRICS_TOKEN. A registry of its own (not prom-client's global one):
 * SvelteKit's build may bundle a second copy of prom-client, and the route reads
 * this registry through the app context instead.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
	yjsConnections(): number;
	socketConnections(): number;
	boardsLoaded(): number;
}

export interface ServerMetrics {
	contentType: string;
	render(): Promise<string>;
	/** Updates stored (and so applied and broadcast); Prometheus's rate() gives updates per second. */
	updateStored(count: number, persistSeconds: number): void;
	/** A refused connection, message or update, by a short machine reason (never user content). */
	refused(reason: string): void;
}

export function createMetrics(sources: MetricSources): ServerMetrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'wedo_' });

	new Gauge({
		name: 'wedo_connections',
		help: 'Open live connections, by channel.',
		labelNames: ['channel'] as const,
		registers: [registry],
		collect() {
			this.set({ channel: 'yjs' }, sources.yjsConnections());
			this.set({ channel: 'socketio' }, sources.socketConnections());
		}
	});
	new Gauge({
		name: 'wedo_boards_loaded',
		help: 'Boards whose document is in memory.',
		registers: [registry],
		collect() {
			this.set(sources.boardsLoaded());
		}
	});
	const updates = new Counter({
		name: 'wedo_updates_stored_total',
		help: 'Yjs updates stored, from devices and from the server itself.',
		registers: [registry]
	});
	const persist = new Histogram({
		name: 'wedo_persist_seconds',
		help: 'Time to store an accepted update in SQLite, before it is applied and broadcast.',
		buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
		registers: [registry]
	});
	const refusals = new Counter({
		name: 'wedo_refusals_total',
		help: 'Refused connections, messages and updates, by reason.',
		labelNames: ['reason'] as const,
		registers: [registry]
	});

	return {
		contentType: registry.contentType,
		render: () => registry.metrics(),
		updateStored(count, persistSeconds) {
			updates.inc(count);
			persist.observe(persistSeconds);
		},
		refused(reason) {
			refusals.inc({ reason });
		}
	};
}
