/**
 * After the workshop the facilitator takes the results home: Markdown for
 * reading and sharing, CSV for a spreadsheet. Both must hold what was written.
 */
import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { addCard, facilitatorWithBoard, joinAsParticipant, unsentMark } from './helpers';

// A comma, quotes and umlauts: what breaks naive CSV and encodings.
const CHALLENGE = 'Räume sind teuer, "kostenlos" gibt es kaum';
const SOLUTION = 'Schulaulen am Wochenende öffnen';
const PARTICIPANT_CARD = 'Mehr Übersetzung für neue Nachbarinnen und Nachbarn';

async function download(page: Page, linkName: string): Promise<{ name: string; body: Buffer }> {
	await page.getByRole('button', { name: 'Mehr', exact: true }).click();
	const link = page.getByRole('group', { name: 'Exportieren' }).getByRole('menuitem', { name: linkName });
	await expect(link).toBeVisible();
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
	// Like any menu, it closes once something is chosen.
	await expect(link).toBeHidden();
	const path = await file.path();
	return { name: file.suggestedFilename(), body: await fs.readFile(path) };
}

test('the facilitator exports the board as Markdown and CSV', async ({ browser }) => {
	const facilitator = await facilitatorWithBoard(browser, { boardTitle: 'Ergebnisse Frühjahr' });
	const { page } = facilitator;
	const participant = await joinAsParticipant(browser, facilitator.board.code, {
		via: 'link',
		name: 'Mira'
	});

	const challenge = await addCard(page, 'challenge', CHALLENGE);
	const solution = await addCard(page, 'solution', SOLUTION);
	await solution.getByRole('button', { name: 'Verknüpfen' }).click();
	const dialog = page.getByRole('dialog', { name: 'Mit Herausforderungen verknüpfen' });
	await dialog.getByRole('checkbox', { name: CHALLENGE }).check();
	await dialog.getByRole('button', { name: 'Fertig' }).click();
	await addCard(participant.page, 'challenge', PARTICIPANT_CARD);
	await expect(page.getByRole('article', { name: PARTICIPANT_CARD })).toBeVisible();
	// The export is made from the server's copy: wait until it holds everything.
	await expect(unsentMark(challenge)).toHaveCount(0);
	await expect(unsentMark(solution)).toHaveCount(0);
	await expect(solution.getByText('Antwort auf')).toBeVisible();

	await test.step('Markdown', async () => {
		const { name, body } = await download(page, 'Markdown (.md)');
		expect(name).toBe('Ergebnisse-Frühjahr.md');
		const text = body.toString('utf8');
		expect(text).toContain('Ergebnisse Frühjahr');
		expect(text).toContain('Netzwerktreffen Nord');
		for (const card of [CHALLENGE, SOLUTION, PARTICIPANT_CARD]) expect(text).toContain(card);
		expect(text).toContain('Mira');
		expect(text).toContain('Amira Haddad');
	});

	await test.step('CSV', async () => {
		const { name, body } = await download(page, 'Tabelle (.csv)');
		expect(name).toBe('Ergebnisse-Frühjahr.csv');
		// The byte order mark makes spreadsheet programs read the umlauts as UTF-8.
		expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = body.toString('utf8').slice(1);
		const [header] = text.split(/\r?\n/);
		expect(header).toContain('Text');
		expect(header).toContain('Autor*in');
		// Quoted, with the inner quotes doubled: one cell, not three.
		expect(text).toContain('"Räume sind teuer, ""kostenlos"" gibt es kaum"');
		expect(text).toContain(SOLUTION);
		expect(text).toContain(PARTICIPANT_CARD);
	});

	await Promise.all([facilitator.context.close(), participant.context.close()]);
});
