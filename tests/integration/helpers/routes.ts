/**
 * What the code defines, read from the sources so that tests cover a route,
 * command or export format as soon as it is added.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './server';

const ROUTES_DIR = path.join(PROJECT_ROOT, 'src', 'routes');

/**
 * Every HTTP route as `METHOD /path`, with SvelteKit's folder names: each
 * exported method of a `+server.ts`, `GET` for a `+page.server.ts` with a
 * `load`, and `POST /path?/name` for each of its form actions (`default` is `POST /path`).
 */
export function discoverRoutes(): string[] {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+server.ts' || entry.name === '+page.server.ts') files.push(full);
		}
	};
	walk(ROUTES_DIR);
	const routes: string[] = [];
	for (const file of files) {
		const source = fs.readFileSync(file, 'utf8');
		const folder = path.relative(ROUTES_DIR, path.dirname(file)).split(path.sep).join('/');
		const routePath = `/${folder}`;
		if (file.endsWith('+server.ts')) {
			for (const match of source.matchAll(
				/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g
			)) {
				routes.push(`${match[1]} ${routePath}`);
			}
			continue;
		}
		if (/export\s+(?:async\s+)?(?:function|const)\s+load\b/.test(source)) routes.push(`GET ${routePath}`);
		// Prettier writes each action as a key one tab in.
		const actions = /export const actions = \{\n([\s\S]*?)\n\};/.exec(source);
		for (const match of actions?.[1].matchAll(/^\t(\w+)\s*[:(]/gm) ?? []) {
			routes.push(`POST ${routePath}${match[1] === 'default' ? '' : `?/${match[1]}`}`);
		}
	}
	return routes.sort();
}

/** The address of a route pattern: route groups dropped, `[param]`s filled in from `params`. */
export function routeUrl(pattern: string, params: Record<string, string>): string {
	const url = pattern.replace(/\/\([^)]+\)/g, '').replace(/\[(\w+)\]/g, (_whole, name: string) => {
		if (!(name in params)) throw new Error(`no value for [${name}] in ${pattern}`);
		return params[name];
	});
	return url === '' ? '/' : url;
}

/** The string members of an exported `const NAME = [...] as const` in a source file. */
export function constantList(file: string, name: string): string[] {
	const source = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
	const list = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(source)?.[1];
	if (!list) throw new Error(`${name} not found in ${file}`);
	return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

/** The command names of socket.io's `ClientToServerEvents` (src/lib/realtime/events.ts). */
export function socketCommands(): string[] {
	const source = fs.readFileSync(path.join(PROJECT_ROOT, 'src/lib/realtime/events.ts'), 'utf8');
	const body = /export interface ClientToServerEvents \{\n([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
	return [...body.matchAll(/^\t'([^']+)'\s*:/gm)].map((match) => match[1]).sort();
}

/** Every page (a folder with `+page.svelte`), as its route pattern. */
export function discoverPages(): string[] {
	const pages: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+page.svelte') {
				pages.push(`/${path.relative(ROUTES_DIR, dir).split(path.sep).join('/')}`.replace(/\/$/, '') || '/');
			}
		}
	};
	walk(ROUTES_DIR);
	return pages.sort();
}
