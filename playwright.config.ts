import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = 4173;
const BASE_URL = `http://localhost:${PORT}`;

// Playwright reads this file again in every worker process; the workers inherit the
// environment, so only the runner creates the folder and all share the same one.
// Every run starts on an empty database: the tests never see accounts from earlier runs.
const dataDirIsNew = !process.env.WEDO_E2E_DATA_DIR;
process.env.WEDO_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wedo-e2e-'));
const dataDir = process.env.WEDO_E2E_DATA_DIR;
if (dataDirIsNew) {
	// The server has been stopped by the time the runner exits.
	process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
	testDir: 'tests/e2e',
	// One worker: the machine has two cores, and the server and several browser contexts share them.
	workers: 1,
	fullyParallel: false,
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL: BASE_URL,
		locale: 'de-DE',
		timezoneId: 'Europe/Berlin',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		actionTimeout: 10_000,
		navigationTimeout: 15_000,
		launchOptions: {
			// The system's Chromium: the project never downloads browsers.
			executablePath: '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'node scripts/start.js',
		url: `${BASE_URL}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn'
		}
	}
});
