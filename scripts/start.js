// `npm start`: builds the app when no build exists, then runs the server (TypeScript, through tsx).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';

if (!existsSync(new URL('../build/handler.js', import.meta.url))) {
	console.log('No build found: building WeDo Board first (about a minute)…');
	const vite = new URL('../node_modules/vite/bin/vite.js', import.meta.url).pathname;
	const result = spawnSync(process.execPath, [vite, 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

register();
await import('../server/index.ts');
