import pino from 'pino';

/**
 * Structured JSON logs. At info level they carry ids and counts, never card
 * texts, names, cookies or tokens.
 */
export function createLogger(level: string): pino.Logger {
	return pino({
		level,
		base: undefined,
		redact: { paths: ['req.headers.cookie', 'cookie', 'token', 'password'], remove: true }
	});
}

export type Logger = pino.Logger;
