/**
 * "Nothing lost": a participant writes a card offline while the room is collecting;
 * when the phone is back, the facilitator has moved on and the server refuses the
 * card. The phone must reload the server's board, but it says so and offers the
 * words back: to copy, and to add again once the board takes cards again.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	TABLET,
	addCard,
	cardByText,
	connectionIndicator,
	expectOnline,
	facilitatorWithBoard,
	joinAsParticipant,
	showColumn,
	snap,
	unsentMark
} from './helpers';

const OFFLINE_TEXT = 'Im Funkloch geschrieben: Sprechstunde auch abends anbieten';

function refusedNotice(page: Page) {
	return page.getByRole('status').filter({ hasText: 'konnte nicht hinzugefügt werden' });
}

test('a card the server refuses after an offline spell is offered back, and can be added again', async ({
	browser
}, testInfo) => {
	const facilitator = await facilitatorWithBoard(browser);
	const boardId = facilitator.board.url.split('/').pop();
	const participant = await joinAsParticipant(browser, facilitator.board.code, { via: 'link', name: 'Lena' });
	const { page } = participant;
	const serverCardTexts = async () => {
		const response = await facilitator.page.request.get(`/api/v1/boards/${boardId}/export?format=json`);
		expect(response.status()).toBe(200);
		return ((await response.json()) as { cards: Array<{ text: string }> }).cards.map((card) => card.text);
	};

	await test.step('offline, the participant writes a card; it stays on the phone', async () => {
		await participant.context.setOffline(true);
		await expect(connectionIndicator(page)).toContainText('Offline');
		const card = await addCard(page, 'challenge', OFFLINE_TEXT);
		await expect(unsentMark(card)).toBeVisible();
	});

	await test.step('meanwhile the facilitator moves on to sorting, where new cards are refused', async () => {
		await facilitator.page.getByRole('button', { name: 'Weiter: Ordnen' }).click();
		await expect(facilitator.page.locator('.phase-bar #phase-heading')).toHaveText('Ordnen');
	});

	await test.step('back online, the server refuses the card, and the phone offers the words back', async () => {
		await participant.context.setOffline(false);
		const notice = refusedNotice(page);
		await expect(notice).toContainText(
			'1 Karte konnte nicht hinzugefügt werden, weil sich das Board geändert hat, während du offline warst.',
			{ timeout: 20_000 }
		);
		await expect(notice.getByText(OFFLINE_TEXT, { exact: true })).toBeVisible();
		await expectOnline(page);
		// The refused copy is gone from the phone, and the server never took it.
		await expect(cardByText(page, OFFLINE_TEXT)).toHaveCount(0);
		expect(await serverCardTexts()).not.toContain(OFFLINE_TEXT);
		await expect(notice.getByRole('button', { name: 'Erneut hinzufügen' })).toHaveCount(0);
		await expect(notice).toContainText('sobald das Board hier wieder Karten annimmt');
		await snap(page, testInfo, 'refused-work-phone');
		await page.setViewportSize(TABLET);
		await snap(page, testInfo, 'refused-work-tablet');
	});

	await test.step('"Text kopieren" puts the words on the clipboard, or selects them where it cannot', async () => {
		const notice = refusedNotice(page);
		await participant.context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await notice.getByRole('button', { name: 'Text kopieren' }).click();
		await expect(notice.getByRole('button', { name: 'Text kopiert' })).toBeVisible();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(OFFLINE_TEXT);

		// Pages served over plain http at a venue have no clipboard API.
		await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
		await notice.getByRole('button', { name: 'Text kopiert' }).click();
		await expect(notice).toContainText('Der Text ist markiert');
		expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(OFFLINE_TEXT);
	});

	await test.step('the words survive another reload while the board still refuses them', async () => {
		await page.reload();
		await expect(refusedNotice(page).getByText(OFFLINE_TEXT, { exact: true })).toBeVisible();
	});

	await test.step('back in collecting, "Erneut hinzufügen" puts the card on the board', async () => {
		await facilitator.page.getByRole('button', { name: 'Zurück zu: Sammeln' }).click();
		await expect(facilitator.page.locator('.phase-bar #phase-heading')).toHaveText('Sammeln');
		const notice = refusedNotice(page);
		await notice.getByRole('button', { name: 'Erneut hinzufügen' }).click();
		await expect(notice).toHaveCount(0);
		await showColumn(page, 'challenge');
		const card = cardByText(page, OFFLINE_TEXT);
		await expect(card).toBeVisible();
		await expect(unsentMark(card)).toHaveCount(0, { timeout: 15_000 });
		await expect(cardByText(facilitator.page, OFFLINE_TEXT)).toContainText('Lena');
		expect(await serverCardTexts()).toContain(OFFLINE_TEXT);
	});

	await test.step('once added, the notice does not come back', async () => {
		await page.reload();
		await expectOnline(page);
		await expect(cardByText(page, OFFLINE_TEXT)).toBeVisible();
		await expect(refusedNotice(page)).toHaveCount(0);
	});

	await Promise.all([participant.context.close(), facilitator.context.close()]);
});
