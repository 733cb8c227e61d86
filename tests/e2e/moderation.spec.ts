/**
 * The facilitator's people panel: who joined, undo everything one participant
 * did, remove them. The participant's own screen says they were removed.
 */
import { expect, test } from '@playwright/test';
import { addCard, cardByText, facilitatorWithBoard, joinAsParticipant, snap } from './helpers';

test('a facilitator undoes a disruptive participant’s cards and removes them', async ({
	browser
}, testInfo) => {
	const facilitator = await facilitatorWithBoard(browser);
	const amira = await joinAsParticipant(browser, facilitator.board.code, {
		via: 'link',
		name: 'Amira',
		organisation: 'Frauen im Quartier'
	});
	const mallory = await joinAsParticipant(browser, facilitator.board.code, { via: 'link', name: 'Mallory' });
	try {
		await addCard(amira.page, 'challenge', 'Zu wenige Räume am Abend');
		await addCard(mallory.page, 'challenge', 'Alles Unsinn hier');
		await addCard(mallory.page, 'solution', 'Noch mehr Unsinn');
		const { page } = facilitator;
		await expect(cardByText(page, 'Alles Unsinn hier')).toBeVisible();

		await page.getByRole('button', { name: 'Teilnehmende' }).click();
		const panel = page.getByRole('dialog', { name: 'Teilnehmende' });
		await expect(panel).toBeVisible();
		const amiraRow = panel.getByRole('listitem').filter({ hasText: 'Amira' });
		await expect(amiraRow).toContainText('Frauen im Quartier');
		await expect(amiraRow).toContainText('verbunden');
		const malloryRow = panel.getByRole('listitem').filter({ hasText: 'Mallory' });
		await snap(page, testInfo, 'participants-panel', false);

		await malloryRow.getByRole('button', { name: 'Alles rückgängig machen' }).click();
		const yesUndo = malloryRow.getByRole('button', { name: 'Ja, rückgängig machen' });
		await expect(yesUndo).toBeFocused();
		await yesUndo.click();
		await expect(panel.getByRole('status')).toContainText('rückgängig gemacht');
		for (const screen of [page, amira.page, mallory.page]) {
			await expect(cardByText(screen, 'Alles Unsinn hier')).toHaveCount(0);
			await expect(cardByText(screen, 'Noch mehr Unsinn')).toHaveCount(0);
		}
		await expect(cardByText(amira.page, 'Zu wenige Räume am Abend')).toBeVisible();

		await malloryRow.getByRole('button', { name: 'Entfernen' }).click();
		await malloryRow.getByRole('button', { name: 'Ja, entfernen' }).click();
		await expect(panel.getByRole('status')).toContainText('Mallory wurde entfernt.');
		await expect(malloryRow).toContainText('entfernt');
		await expect(malloryRow.getByRole('button', { name: 'Entfernen' })).toHaveCount(0);
		await expect(mallory.page.getByText('Die Moderation hat dich von diesem Board entfernt.')).toBeVisible();
		await snap(page, testInfo, 'participants-panel-removed', false);

		await panel.getByRole('button', { name: 'Schließen' }).click();
		await expect(panel).toBeHidden();
	} finally {
		await Promise.all([facilitator.context.close(), amira.context.close(), mallory.context.close()]);
	}
});

test('participants have no people panel', async ({ browser }) => {
	const facilitator = await facilitatorWithBoard(browser);
	const amira = await joinAsParticipant(browser, facilitator.board.code, { via: 'link', name: 'Amira' });
	try {
		await expect(amira.page.getByRole('button', { name: 'Teilnehmende' })).toHaveCount(0);
	} finally {
		await Promise.all([facilitator.context.close(), amira.context.close()]);
	}
});
