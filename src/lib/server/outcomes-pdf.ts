/**
 * PDF through Chromium's print to PDF: a real layout engine shapes Arabic and
 * Persian and orders right-to-left text, which PDF libraries do not. The server's
 * Chromium (CHROMIUM_PATH, else /usr/bin/chromium) renders the self-contained
 * print page; without one, the review page offers the browser's own print.
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const DEFAULT_PATH = '/usr/bin/chromium';
const RENDER_TIMEOUT_MS = 30_000;

export function chromiumPath(): string | null {
	const path = process.env.CHROMIUM_PATH || DEFAULT_PATH;
	return fs.existsSync(path) ? path : null;
}

// One rendering at a time: a browser per request is heavy for the small servers this runs on.
let queue: Promise<unknown> = Promise.resolve();

/** Prints the page to an A4 PDF; null when this server has no Chromium. */
export function printPdf(html: string): Promise<Uint8Array | null> {
	const executablePath = chromiumPath();
	if (!executablePath) return Promise.resolve(null);
	const job = queue.then(() => render(executablePath, html));
	queue = job.catch(() => undefined);
	return job;
}

async function render(executablePath: string, html: string): Promise<Uint8Array> {
	const browser = await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-extensions'],
		timeout: RENDER_TIMEOUT_MS
	});
	try {
		const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
		const page = await context.newPage();
		// The page is complete in itself: nothing may be fetched while it renders.
		await page.route('**/*', (route) => route.abort());
		await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
		const pdf = await page.pdf({
			format: 'A4',
			printBackground: true,
			preferCSSPageSize: true,
			displayHeaderFooter: true,
			headerTemplate: '<span></span>',
			footerTemplate:
				'<div style="font-size:8px;inline-size:100%;text-align:center;color:#4f5b60"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'
		});
		return new Uint8Array(pdf);
	} finally {
		await browser.close();
	}
}
