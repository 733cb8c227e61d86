/** Share links to an outcome and "send results" through a real SMTP server started here. */
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from './helpers/http';
import { expectError, expectStatus } from './helpers/flows';
import { postForm } from './helpers/facilitation';
import { fingerprint } from './helpers/database';
import { startServer, type RunningServer } from './helpers/server';
import { finish, finishedWorkshop, runWorkshop, TEXTS, type Workshop } from './helpers/outcomes';
import { useStage } from './helpers/stage';

interface Received {
	to: string[];
	body: string;
}

/** An SMTP server on a free port that keeps what it receives, or refuses every recipient. */
async function startSmtp(options: { refuse?: boolean } = {}) {
	const received: Received[] = [];
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (options.refuse) {
				const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
				error.responseCode = 550;
				return callback(error);
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((recipient) => recipient.address),
					body: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	const port = (smtp.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise<void>((resolve) => smtp.close(() => resolve()))
	};
}

/** A quoted-printable message as text: soft line breaks joined, escaped UTF-8 bytes decoded. */
function plainText(body: string): string {
	const joined = body.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		const escaped = /^=([0-9A-F]{2})/.exec(joined.slice(i, i + 3));
		if (escaped) {
			bytes.push(parseInt(escaped[1], 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(joined[i], 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

function outcomeTables(file: string): Record<string, string> {
	const all = fingerprint(file);
	return { outcome_shares: all.outcome_shares, outcome_mailings: all.outcome_mailings };
}

describe('share links', () => {
	const stage = useStage();
	let workshop: Workshop;
	let outcomeId: string;

	beforeAll(async () => {
		({ workshop, outcomeId } = await finishedWorkshop(stage));
	});

	it('opens the review page and its files without an account, until the link is revoked', async () => {
		const { facilitator } = workshop;
		expectError(await workshop.amira.device.post(`/api/v1/outcomes/${outcomeId}/shares`), 403, 'forbidden');
		const created = await facilitator.device.post(`/api/v1/outcomes/${outcomeId}/shares`);
		expectStatus(created, 201);
		const { id, url } = created.body.share;
		expect(url).toMatch(new RegExp(`^${stage.server.url}/share/[a-z0-9]{32}$`));
		const path = new URL(url).pathname;
		const token = path.split('/').pop()!;

		const stranger = new Device(stage.server.url);
		const page = await stranger.get(path);
		expectStatus(page, 200);
		for (const words of [TEXTS.funding, TEXTS.fund, TEXTS.recommendation, TEXTS.arabic])
			expect(page.text).toContain(words);
		expect(page.text).toContain(`/share/${token}/export?format=docx`);
		const markdown = await stranger.get(`${path}/export?format=md`);
		expectStatus(markdown, 200);
		expect(markdown.text).toContain(TEXTS.rooms);
		expectError(await stranger.get(`${path}/export?format=exe`), 400, 'invalid_input');
		// Search within the shared outcome, with the same folding.
		const found = await stranger.get(`${path}?q=${encodeURIComponent('FOERDERUNG vereine')}`);
		expect(found.text).toContain(`href="#card-${workshop.ids.funding}"`);
		expect(found.text).not.toContain(`href="#card-${workshop.ids.mentoring}"`);
		// The link opens one outcome, not the board or the API.
		expectError(await stranger.get(`/api/v1/outcomes/${outcomeId}`), 401, 'unauthenticated');

		// Only a hash of the token is stored.
		const db = new Database(stage.server.databaseFile, { readonly: true });
		const stored = db.prepare('SELECT token_hash AS hash FROM outcome_shares WHERE id = ?').get(id) as {
			hash: string;
		};
		db.close();
		expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored.hash).not.toContain(token);

		const listed = await facilitator.device.get(`/api/v1/outcomes/${outcomeId}/shares`);
		expect(listed.body.shares).toEqual([
			{ id, purpose: 'link', createdAt: expect.any(String), revokedAt: null }
		]);
		expect(
			(await facilitator.device.request('DELETE', `/api/v1/outcomes/${outcomeId}/shares/${id}`)).status
		).toBe(204);
		expectError(
			await facilitator.device.request('DELETE', `/api/v1/outcomes/${outcomeId}/shares/nope`),
			404,
			'not_found'
		);

		const revoked = await stranger.get(path);
		expect(revoked.status).toBe(410);
		expect(revoked.text).toContain('zurückgezogen');
		expectError(await stranger.get(`${path}/export?format=pdf`), 410, 'share_revoked');
		const unknown = await stranger.get('/share/doesnotexist');
		expect(unknown.status).toBe(404);
		expect(unknown.text).toContain('Diesen Link gibt es nicht');
	});

	it('explains what to set when the server has no SMTP, and stores nothing', async () => {
		const before = outcomeTables(stage.server.databaseFile);
		const response = await workshop.facilitator.device.post(`/api/v1/outcomes/${outcomeId}/send`);
		expectError(response, 503, 'mail_not_configured');
		const page = await postForm(workshop.facilitator.device, `/outcomes/${outcomeId}?/send`);
		expect(page.status).toBe(503);
		expect(page.text).toContain('SMTP_URL');
		expect(outcomeTables(stage.server.databaseFile)).toEqual(before);
	});
});

describe('send results', () => {
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	let refusing: Awaited<ReturnType<typeof startSmtp>>;
	let server: RunningServer;
	let workshop: Workshop;
	let outcomeId: string;

	beforeAll(async () => {
		smtp = await startSmtp();
		refusing = await startSmtp({ refuse: true });
		server = await startServer({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'WeDo Board <board@example.org>' } });
		workshop = await runWorkshop(server);
	});

	afterAll(async () => {
		workshop?.close();
		await server?.stop();
		await smtp?.close();
		await refusing?.close();
	});

	it('stores an address given at join only with consent', async () => {
		const code = workshop.facilitator.board.joinCode;
		const noConsent = await postForm(new Device(server.url), `/join/${code}`, {
			name: 'Ceyda',
			email: 'ceyda@example.org'
		});
		expect(noConsent.status).toBe(400);
		expect(noConsent.text).toContain('Häkchen');
		const invalid = await postForm(new Device(server.url), `/join/${code}`, {
			email: 'not an address',
			emailConsent: 'yes'
		});
		expect(invalid.status).toBe(400);
		for (const [name, email] of [
			['Dilan', 'dilan@example.org'],
			['Emil', 'emil@example.org']
		]) {
			const joined = await postForm(new Device(server.url), `/join/${code}`, {
				name,
				email,
				emailConsent: 'yes'
			});
			expect(joined.status, joined.text.slice(0, 200)).toBe(303);
		}
		// Joining again without the box ticked takes the consent back.
		const again = new Device(server.url);
		await postForm(again, `/join/${code}`, {
			name: 'Frida',
			email: 'frida@example.org',
			emailConsent: 'yes'
		});
		await postForm(again, `/join/${code}`, { name: 'Frida' });
		outcomeId = (await finish(workshop)).id;
	});

	it('delivers one message per address, each with a working share link', async () => {
		const response = await workshop.facilitator.device.post(`/api/v1/outcomes/${outcomeId}/send`);
		expectStatus(response, 200);
		expect(response.body).toEqual({ sent: 2, failed: 0 });
		expect(smtp.received.map((message) => message.to).sort()).toEqual([
			['dilan@example.org'],
			['emil@example.org']
		]);
		const body = plainText(smtp.received[0].body);
		expect(body).toContain('Subject: Ergebnisse: Stadtteilkonferenz');
		expect(body).toContain('die Ergebnisse von „Mobilität“ (Stadtteilkonferenz) sind fertig');
		const link = body.match(/http:\/\/127\.0\.0\.1:\d+\/share\/[a-z0-9]+/)?.[0];
		expect(link, body).toBeDefined();
		expect(plainText(smtp.received[1].body)).toContain(link);
		const page = await new Device(server.url).get(new URL(link!).pathname);
		expectStatus(page, 200);
		expect(page.text).toContain(TEXTS.recommendation);
		const shares = await workshop.facilitator.device.get(`/api/v1/outcomes/${outcomeId}/shares`);
		expect(shares.body.shares.map((share: { purpose: string }) => share.purpose)).toEqual(['mail']);
	});

	it('answers 502 when the SMTP server refuses, and leaves nothing behind', async () => {
		await server.stop();
		server = await startServer({ dataDir: server.dataDir, env: { SMTP_URL: refusing.url } });
		const device = workshop.facilitator.device;
		device.baseUrl = server.url;
		const before = outcomeTables(server.databaseFile);
		expectError(await device.post(`/api/v1/outcomes/${outcomeId}/send`), 502, 'mail_failed');
		expect(outcomeTables(server.databaseFile)).toEqual(before);
		expect(refusing.received).toEqual([]);
	});
});
