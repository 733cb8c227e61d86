import type { Plugin } from 'vite';
import type { WedoServer } from './app';

const ATTACHED = Symbol.for('wedo-board.dev-server');

/** Runs the same live wiring as production inside `vite dev`, attached once even when Vite restarts. */
export function wedoRealtimeDevPlugin(): Plugin {
	return {
		name: 'wedo-board-realtime',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer || process.env.VITEST) return;
			const holder = globalThis as typeof globalThis & { [ATTACHED]?: WedoServer };
			if (holder[ATTACHED]) return;
			// Loaded through Vite's own module runner rather than imported here, so the config file does not
			// bundle the whole server, and the routes and the live wiring share one copy of each module.
			const { readConfig } = (await server.ssrLoadModule(
				'/src/lib/server/config.ts'
			)) as typeof import('../src/lib/server/config');
			const { createLogger } = (await server.ssrLoadModule('/server/log.ts')) as typeof import('./log');
			const { createWedoServer } = (await server.ssrLoadModule('/server/app.ts')) as typeof import('./app');
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
