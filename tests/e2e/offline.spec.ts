/**
 * A participant's phone loses the network in the middle of the workshop: the
 * card written meanwhile is kept, marked as not sent, and arrives when the
 * connection is back.
 */
import { expect, test } from '@playwright/test';
import {
	addCard,
	cardByText,
	connectionIndicator,
	expectOnline,
	facilitatorWithBoard,
	joinAsParticipant,
	unsentMark
} from './helpers';

const OFFLINE_TEXT = 'Im Funkloch geschrieben: mehr Steckdosen im Saal';

test('a card written offline is marked unsent and arrives after reconnecting', async ({ browser }) => {
	const facilitator = await facilitatorWithBoard(browser);
	const a = await joinAsParticipant(browser, facilitator.board.code, { via: 'link', name: 'Lena' });
	const b = await joinAsParticipant(browser, facilitator.board.code, { via: 'link', name: 'Emre' });
	// Only the participants matter from here on.
	await facilitator.context.close();

	await test.step('going offline shows in the connection indicator', async () => {
		await a.context.setOffline(true);
		await expect(connectionIndicator(a.page)).toContainText('Offline');
	});

	const card = await test.step('a card added offline is marked "Noch nicht gesendet"', async () => {
		const card = await addCard(a.page, 'challenge', OFFLINE_TEXT);
		await expect(unsentMark(card)).toBeVisible();
		await expect(connectionIndicator(a.page)).toContainText('1 Karte noch nicht gesendet');
		// Give a leaking connection a moment to prove itself: the card must really still be on the phone only.
		await b.page.waitForTimeout(1_000);
		await expect(cardByText(b.page, OFFLINE_TEXT)).toHaveCount(0);
		await expect(unsentMark(card)).toBeVisible();
		return card;
	});

	await test.step('back online, the card arrives and the mark goes away', async () => {
		await a.context.setOffline(false);
		await expectOnline(a.page);
		await expect(cardByText(b.page, OFFLINE_TEXT)).toBeVisible({ timeout: 15_000 });
		await expect(cardByText(b.page, OFFLINE_TEXT)).toContainText('Lena');
		await expect(unsentMark(card)).toHaveCount(0);
		await expect(connectionIndicator(a.page)).not.toContainText('noch nicht gesendet');
	});

	await Promise.all([a.context.close(), b.context.close()]);
});
