/**
 * `npm run backup -- <file>` while the server runs and a device keeps writing:
 * the copy passes integrity_check, holds everything stored before the backup
 * began, and a server started on it (the README's restore) serves the board.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoard } from '../../src/lib/board/read';
import { expectStatus, facilitatorWithBoard, join } from './helpers/flows';
import { writeCard } from './helpers/board';
import { integrityCheck, readStoredBoard } from './helpers/database';
import { connectSynced, sleep } from './helpers/yjs';
import { makeTempDir, PROJECT_ROOT, startServer, type RunningServer } from './helpers/server';

function runBackup(dataDir: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', 'backup', '--', ...args], {
			cwd: PROJECT_ROOT,
			env: { ...process.env, DATA_DIR: dataDir },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

describe('npm run backup', () => {
	it('copies the live database consistently while a device writes; the copy restores', async () => {
		const server = await startServer();
		let restored: RunningServer | undefined;
		try {
			const facilitator = await facilitatorWithBoard(server);
			const writer = await join(server, facilitator.board.joinCode, 'Schreiberin');
			const client = await connectSynced(server, facilitator.board.id, writer.device.cookie);
			for (let i = 0; i < 30; i++) writeCard(client.doc, writer, 'challenge', `Vorher ${i}`);
			await client.flush();

			let writing = true;
			const loop = (async () => {
				for (let i = 0; writing; i++) {
					writeCard(client.doc, writer, 'solution', `Währenddessen ${i}`);
					await sleep(5);
				}
			})();
			const target = path.join(makeTempDir('wedo-backup-'), 'nested', 'wedo-backup.sqlite');
			const result = await runBackup(server.dataDir, target);
			writing = false;
			await loop;
			expect(result.code, result.output).toBe(0);
			expect(result.output).toMatch(/integrity ok/);
			expect(fs.existsSync(`${target}.partial`)).toBe(false);
			expect(integrityCheck(target)).toBe('ok');

			const copy = readStoredBoard(target, facilitator.board.id);
			const texts = readBoard(copy).cards.map((card) => card.text);
			for (let i = 0; i < 30; i++) expect(texts).toContain(`Vorher ${i}`);
			copy.destroy();
			client.destroy();

			// Restore: the copy becomes the database of a fresh data directory.
			const dataDir = makeTempDir();
			fs.copyFileSync(target, path.join(dataDir, 'wedo.sqlite'));
			restored = await startServer({ dataDir });
			facilitator.device.baseUrl = restored.url;
			expectStatus(await facilitator.device.get(`/api/v1/boards/${facilitator.board.id}`), 200);
			const check = await connectSynced(restored, facilitator.board.id, facilitator.device.cookie);
			expect(readBoard(check.doc).cards.length).toBeGreaterThanOrEqual(30);
			check.destroy();
		} finally {
			await server.stop();
			await restored?.stop();
		}
	}, 60_000);

	it('explains its use and fails without a database, writing nothing', async () => {
		const usage = await runBackup(makeTempDir());
		expect(usage.code).not.toBe(0);
		expect(usage.output).toMatch(/Usage: npm run backup -- <file>/);
		const empty = makeTempDir();
		const target = path.join(makeTempDir(), 'copy.sqlite');
		const missing = await runBackup(empty, target);
		expect(missing.code).not.toBe(0);
		expect(missing.output).toMatch(/No database/);
		expect(fs.existsSync(target)).toBe(false);
	}, 30_000);
});
