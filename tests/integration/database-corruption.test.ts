/** Starting on a damaged database fails loudly without touching the file; a missing data directory is created. */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { facilitatorWithBoard, join } from './helpers/flows';
import { writeCard } from './helpers/board';
import { connectSynced } from './helpers/yjs';
import { makeTempDir, runUntilExit, startServer } from './helpers/server';

const DAMAGED = /damaged/i;

function expectRefusedToStart(result: Awaited<ReturnType<typeof runUntilExit>>, file: string): void {
	expect(result.signal, result.output).toBeNull();
	expect(result.code, result.output).not.toBe(0);
	expect(result.output).toMatch(DAMAGED);
	// The operator is told which file.
	expect(result.output).toContain(file);
	// It never started listening.
	expect(result.output).not.toMatch(/"port":\s*[1-9]/);
}

describe('a damaged database file', () => {
	it('garbage bytes: the process exits non-zero, says the file is damaged, and leaves it as it was', async () => {
		const dataDir = makeTempDir();
		const file = path.join(dataDir, 'wedo.sqlite');
		const garbage = randomBytes(64 * 1024);
		fs.writeFileSync(file, garbage);

		const result = await runUntilExit({ dataDir, timeoutMs: 20_000 });
		expectRefusedToStart(result, file);
		expect(fs.readFileSync(file).equals(garbage)).toBe(true);
	}, 30_000);

	it('a real database with overwritten pages: refused the same way', async () => {
		const server = await startServer();
		const facilitator = await facilitatorWithBoard(server);
		const participant = await join(server, facilitator.board.joinCode, 'Amira');
		const client = await connectSynced(server, facilitator.board.id, participant.device.cookie);
		for (let i = 0; i < 40; i++)
			writeCard(client.doc, participant, 'challenge', `Karte ${i} ${'x'.repeat(200)}`);
		await client.flush();
		client.destroy();
		expect((await server.stop()).code).toBe(0);

		// Keep the header page, destroy everything after it.
		const bytes = fs.readFileSync(server.databaseFile);
		const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
		expect(bytes.length).toBeGreaterThan(pageSize * 3);
		randomBytes(bytes.length - pageSize).copy(bytes, pageSize);
		fs.writeFileSync(server.databaseFile, bytes);

		const result = await runUntilExit({ dataDir: server.dataDir, timeoutMs: 20_000 });
		expectRefusedToStart(result, server.databaseFile);
		expect(fs.readFileSync(server.databaseFile).equals(bytes)).toBe(true);
	}, 60_000);
});

describe('a missing data directory', () => {
	it('is created, with the database in it', async () => {
		const dataDir = path.join(makeTempDir(), 'not', 'there', 'yet');
		expect(fs.existsSync(dataDir)).toBe(false);
		const server = await startServer({ dataDir });
		try {
			const health = await fetch(`${server.url}/healthz`);
			expect(health.status).toBe(200);
			expect(await health.json()).toEqual({ status: 'ok' });
			await facilitatorWithBoard(server);
			expect(fs.existsSync(path.join(dataDir, 'wedo.sqlite'))).toBe(true);
		} finally {
			expect((await server.stop()).code).toBe(0);
		}
	}, 30_000);
});
