/**
 * Production entry: one HTTP server on one port for the SvelteKit app, the Yjs
 * endpoint and socket.io. Started by `npm start` (scripts/start.js).
 */
import http from 'node:http';
import { readConfig } from '../src/lib/server/config';
import { DatabaseDamagedError } from '../src/lib/server/db/open';
import { createLogger } from './log';
import { createWedoServer, type WedoServer } from './app';

const config = readConfig();
const log = createLogger(config.logLevel);

let wedo: WedoServer;
try {
	wedo = createWedoServer(config, log);
} catch (error) {
	if (error instanceof DatabaseDamagedError) {
		log.fatal({ file: config.databaseFile }, error.message);
		process.exit(1);
	}
	throw error;
}

/**
 * adapter-node assumes https unless told otherwise; without ORIGIN we tell it the
 * real protocol of each request, so that links, cookies and the CSRF check match
 * what the browser sees (e.g. plain http on a venue's local network).
 */
const PROTOCOL_HEADER = 'x-wedo-protocol';
const deriveProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (deriveProtocol) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

// Imported after the context exists: the SvelteKit handler reads it on every request.
const handlerModule = '../build/handler.js';
const { handler } = (await import(handlerModule)) as {
	handler: (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;
};

const server = http.createServer((req, res) => {
	if (deriveProtocol) {
		req.headers[PROTOCOL_HEADER] = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
	}
	handler(req, res);
});
wedo.attach(server);

server.listen(config.port, config.host, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	log.info(
		{ port, host: config.host, dataDir: config.dataDir },
		`WeDo Board listening on http://localhost:${port}`
	);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	log.info({ signal }, 'shutting down');
	server.close();
	server.closeAllConnections();
	await wedo.shutdown();
	log.info('stopped');
	process.exit(0);
}

process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
