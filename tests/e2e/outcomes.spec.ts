/**
 * The evening after the meeting: the facilitator finishes the board, shares the
 * results, and someone without an account opens the link on a phone and
 * downloads the PDF.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { addCard, facilitatorWithBoard, joinAsParticipant, PHONE, snap } from './helpers';

const CHALLENGE = 'Zu wenig Förderung für kleine Vereine';
const ARABIC = 'نقص التمويل للمبادرات الصغيرة';
const SOLUTION = 'Ein Fonds für Kleinstprojekte';

test('finish a board, open the share link in a fresh browser and download the PDF', async ({
	browser
}, testInfo) => {
	const facilitator = await facilitatorWithBoard(browser);
	const participant = await joinAsParticipant(browser, facilitator.board.code, {
		via: 'link',
		name: 'Amira'
	});
	await addCard(participant.page, 'challenge', CHALLENGE);
	await addCard(participant.page, 'challenge', ARABIC);
	await addCard(facilitator.page, 'solution', SOLUTION);

	const { page } = facilitator;
	await page.getByRole('button', { name: 'Board abschließen' }).click();
	// The app asks in its own dialog, with the safe answer focused.
	const question = page.getByRole('dialog', { name: 'Board abschließen' });
	await expect(question).toContainText('Danach kann niemand mehr etwas ändern');
	await expect(question.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
	await snap(page, testInfo, 'finish-question', false);
	await question.getByRole('button', { name: 'Board abschließen' }).click();
	await page.waitForURL(/\/outcomes\/[^/]+$/);
	await expect(page.getByRole('heading', { name: 'Herausforderungen', exact: true })).toBeVisible();
	await expect(page.getByText(ARABIC)).toBeVisible();

	// Everyone on the board now sees it finished, with the way to the results.
	await expect(participant.page.getByText('Dieses Board ist abgeschlossen')).toBeVisible();
	await expect(participant.page.getByRole('link', { name: 'Ergebnisse ansehen' })).toBeVisible();

	await page.getByRole('button', { name: 'Neuen Link erstellen' }).click();
	const link = page.getByLabel('Dein neuer Link');
	await expect(link).toHaveValue(/\/share\/[a-z0-9]+$/);
	const shareUrl = await link.inputValue();
	await snap(page, testInfo, 'outcome-facilitator');

	const guest = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
	const phone = await guest.newPage();
	await phone.goto(shareUrl);
	await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(phone.getByText(CHALLENGE)).toBeVisible();
	await expect(phone.getByText(SOLUTION)).toBeVisible();
	await expect(phone.getByRole('button', { name: 'Neuen Link erstellen' })).toHaveCount(0);
	await snap(phone, testInfo, 'outcome-shared-phone');

	const [download] = await Promise.all([
		phone.waitForEvent('download'),
		phone.getByRole('link', { name: 'PDF' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/\.pdf$/);
	const file = testInfo.outputPath('outcome.pdf');
	await download.saveAs(file);
	const bytes = fs.readFileSync(file);
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	expect(bytes.length).toBeGreaterThan(5_000);

	await Promise.all([facilitator.context.close(), participant.context.close(), guest.close()]);
});
