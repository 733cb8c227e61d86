/**
 * What a participant's browser downloads to join and open a board, measured on
 * the wire: the pages' `Link` preload headers and stylesheets name the
 * JavaScript and CSS, each fetched as a browser does (accepting gzip) and
 * counted in bytes as sent. And the board page's time to first byte.
 */
import http from 'node:http';
import { distribution, type Distribution } from './measure';
import { createBoards, joinBoard } from './api';
import { removeDataDir, startOurs } from './targets';
import { now } from './typist';

export interface PageWeight {
	javascriptGzipBytes: number;
	cssGzipBytes: number;
	files: Array<{ path: string; gzipBytes: number }>;
	/** The HTML documents themselves, as sent. */
	htmlBytes: Record<string, number>;
}

interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	firstByteMs: number;
}

function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const started = now();
		const request = http.get(url, { headers }, (response) => {
			const firstByteMs = now() - started;
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					body: Buffer.concat(chunks),
					firstByteMs
				})
			);
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/** Script and style files a page asks the browser to load at once. */
function assetsOf(page: RawResponse, pageUrl: string): string[] {
	const found = new Set<string>();
	for (const match of String(page.headers.link ?? '').matchAll(
		/<([^>]+)>;\s*rel="(modulepreload|preload)"/g
	)) {
		found.add(new URL(match[1], pageUrl).pathname);
	}
	const html = page.body.toString('utf8');
	for (const match of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="(?:stylesheet|modulepreload)"/g)) {
		found.add(new URL(match[1], pageUrl).pathname);
	}
	for (const match of html.matchAll(/<link[^>]+rel="(?:stylesheet|modulepreload)"[^>]*href="([^"]+)"/g)) {
		found.add(new URL(match[1], pageUrl).pathname);
	}
	for (const match of html.matchAll(/import\("([^"]+\.js)"\)/g))
		found.add(new URL(match[1], pageUrl).pathname);
	return [...found].filter((path) => path.endsWith('.js') || path.endsWith('.css'));
}

/** The join page and the board page, as a participant with `cookie` opens them. */
export async function measurePageWeight(
	baseUrl: string,
	joinCode: string,
	boardId: string,
	cookie: string
): Promise<PageWeight> {
	const pages: Array<[string, Record<string, string>]> = [
		[`/join/${joinCode}`, {}],
		[`/boards/${boardId}`, { cookie }]
	];
	const assets = new Set<string>();
	const htmlBytes: Record<string, number> = {};
	for (const [path, headers] of pages) {
		const url = new URL(path, baseUrl).href;
		const page = await get(url, { ...headers, 'accept-encoding': 'gzip' });
		if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
		htmlBytes[path.startsWith('/join') ? 'join' : 'board'] = page.body.length;
		for (const asset of assetsOf(page, url)) assets.add(asset);
	}
	const files: PageWeight['files'] = [];
	for (const path of assets) {
		const response = await get(new URL(path, baseUrl).href, { 'accept-encoding': 'gzip' });
		if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
		if (response.headers['content-encoding'] !== 'gzip') throw new Error(`${path} was not served gzipped`);
		files.push({ path, gzipBytes: response.body.length });
	}
	const total = (suffix: string) =>
		files.filter((file) => file.path.endsWith(suffix)).reduce((sum, file) => sum + file.gzipBytes, 0);
	return { javascriptGzipBytes: total('.js'), cssGzipBytes: total('.css'), files, htmlBytes };
}

/** Time to first byte of a page, asked `samples` times one after another. */
export async function timeToFirstByte(
	baseUrl: string,
	path: string,
	cookie: string,
	samples: number
): Promise<Distribution & { bytes: number }> {
	const times: number[] = [];
	let bytes = 0;
	for (let i = 0; i < samples; i++) {
		const response = await get(new URL(path, baseUrl).href, { cookie });
		if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
		times.push(response.firstByteMs);
		bytes = response.body.length;
	}
	return { ...distribution(times), bytes };
}

/** JavaScript and CSS a participant downloads to join and open a board, and the board page's time to first byte. */
export async function runFrontend(): Promise<{
	weight: PageWeight;
	boardPageTtfbMs: Distribution & { bytes: number };
}> {
	const server = await startOurs();
	try {
		const { boards } = await createBoards(server.httpUrl, 1);
		const participant = await joinBoard(server.httpUrl, boards[0].joinCode, 'Seitenmessung');
		const weight = await measurePageWeight(
			server.httpUrl,
			boards[0].joinCode,
			boards[0].id,
			participant.cookie
		);
		const boardPageTtfbMs = await timeToFirstByte(
			server.httpUrl,
			`/boards/${boards[0].id}`,
			participant.cookie,
			20
		);
		return { weight, boardPageTtfbMs };
	} finally {
		await server.stop();
		removeDataDir(server.dataDir);
	}
}
