import type { Plugin } from 'vite';
import { readConfig } from '../src/lib/server/config';
import { createLogger } from './log';
import { createWedoServer, type WedoServer } from './app';

const ATTACHED = Symbol.for('wedo-board.dev-server');

/** Runs the same live wiring as production inside `vite dev`, attached once even when Vite restarts. */
export function wedoRealtimeDevPlugin(): Plugin {
	return {
		name: 'wedo-board-realtime',
		apply: 'serve',
		configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer || process.env.VITEST) return;
			const holder = globalThis as typeof globalThis & { [ATTACHED]?: WedoServer };
			if (holder[ATTACHED]) return;
			const config = readConfig();
			const wedo = createWedoServer(config, createLogger(config.logLevel));
			wedo.attach(httpServer as import('node:http').Server);
			holder[ATTACHED] = wedo;
			httpServer.once('close', () => {
				holder[ATTACHED] = undefined;
				void wedo.shutdown();
			});
		}
	};
}
