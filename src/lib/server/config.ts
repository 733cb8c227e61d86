import path from 'node:path';
import { canonicalTimeZone } from '../time-zone';

/** Everything the server reads from its environment, with the contract's defaults. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	databaseFile: string;
	origin: string | undefined;
	limits: {
		maxFrameBytes: number;
		maxCardText: number;
		maxTitle: number;
		maxConnectionsPerAddress: number;
		failedAttemptsPerAddress: number;
		/** Token bucket per Yjs connection (see server/yjs/message-budget.ts). */
		messagesPerSecond: number;
		messageBurst: number;
	};
	compactAfterUpdates: number;
	/** Days a finished board stays untouched before its update log is collapsed (server/yjs/log-compaction.ts). */
	logRetentionDays: number;
	unloadIdleMs: number;
	logLevel: string;
	/** Bearer token for `GET /metrics`; without one the endpoint does not exist. */
	metricsToken: string | undefined;
	/** The IANA zone of meetings that have none of their own (made without JavaScript, or before zones were kept). */
	defaultTimeZone: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a whole number, got "${raw}"`);
	}
	return value;
}

function timeZone(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const zone = canonicalTimeZone(raw);
	if (!zone) throw new Error(`${name} must be an IANA time zone such as Europe/Berlin, got "${raw}"`);
	return zone;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const dataDir = path.resolve(env.DATA_DIR || './data');
	return {
		port: integer(env, 'PORT', 3000),
		host: env.HOST || '0.0.0.0',
		dataDir,
		databaseFile: path.join(dataDir, 'wedo.sqlite'),
		origin: env.ORIGIN || undefined,
		limits: {
			maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', 2 * 1024 * 1024),
			maxCardText: integer(env, 'MAX_CARD_TEXT', 2000),
			maxTitle: integer(env, 'MAX_TITLE', 200),
			maxConnectionsPerAddress: integer(env, 'MAX_CONNECTIONS_PER_ADDRESS', 2000),
			// A whole venue shares one address: room for many mistyped codes, none for guessing 31^6 codes.
			failedAttemptsPerAddress: integer(env, 'MAX_FAILED_ATTEMPTS_PER_ADDRESS', 120),
			messagesPerSecond: integer(env, 'MAX_MESSAGES_PER_SECOND', 100),
			messageBurst: integer(env, 'MESSAGE_BURST', 400)
		},
		compactAfterUpdates: integer(env, 'COMPACT_AFTER_UPDATES', 500),
		logRetentionDays: integer(env, 'LOG_RETENTION_DAYS', 30),
		unloadIdleMs: integer(env, 'UNLOAD_IDLE_MS', 30_000),
		logLevel: env.LOG_LEVEL || 'info',
		metricsToken: env.METRICS_TOKEN || undefined,
		defaultTimeZone: timeZone(env, 'DEFAULT_TIME_ZONE', 'Europe/Berlin')
	};
}
