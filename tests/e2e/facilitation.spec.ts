/**
 * Steering the room: the facilitator moves to the next phase, starts a timer and
 * puts a card in the spotlight from a tablet; a participant's phone shows the
 * phase in plain words, the same countdown and the spotlight; the projector's
 * presenter view shows the QR code, the timer and the board.
 */
import { expect, test } from '@playwright/test';
import {
	addCard,
	cardByText,
	chooseFromMenu,
	facilitatorWithBoard,
	joinAsParticipant,
	moreActions,
	PHONE,
	snap,
	TABLET
} from './helpers';

const CARD = 'Zu wenig Räume für unsere Treffen';

/** The countdown as m:ss, in seconds. */
function seconds(text: string | null): number {
	const [minutes, rest] = (text ?? '').trim().split(':');
	return Number(minutes) * 60 + Number(rest);
}

test('the facilitator steers phase, timer and spotlight; phones and the projector follow', async ({
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const facilitator = await facilitatorWithBoard(browser, { viewport: TABLET });
	const participant = await joinAsParticipant(browser, facilitator.board.code, {
		via: 'link',
		name: 'Yusuf',
		viewport: PHONE
	});
	const phaseBar = (page = participant.page) => page.locator('.phase-bar');

	await test.step('everyone sees the first phase and what to do now', async () => {
		await expect(phaseBar().locator('#phase-heading')).toHaveText('Sammeln');
		await expect(phaseBar()).toContainText('Schritt 1 von 5');
		await expect(phaseBar()).toContainText('Schreib Herausforderungen und Lösungsideen auf Karten.');
		await addCard(participant.page, 'challenge', CARD);
	});

	await test.step('the facilitator moves on: the phone shows the new phase and no "add" button', async () => {
		await facilitator.page.getByRole('button', { name: 'Weiter: Ordnen' }).click();
		await expect(phaseBar().locator('#phase-heading')).toHaveText('Ordnen');
		await expect(phaseBar()).toContainText('Schritt 2 von 5');
		await expect(phaseBar()).toContainText('Neue Karten gibt es gerade nicht');
		await expect(participant.page.getByRole('button', { name: 'Herausforderung hinzufügen' })).toHaveCount(0);
	});

	await test.step('the facilitator starts a 3-minute timer: the phone counts down the same', async () => {
		await phaseBar(facilitator.page).locator('summary', { hasText: 'Timer' }).click();
		await phaseBar(facilitator.page).getByRole('button', { name: '3 Min.' }).click();
		const countdown = participant.page.getByRole('timer');
		await expect(countdown).toHaveText(/^[23]:\d\d$/);
		const first = seconds(await countdown.textContent());
		expect(first).toBeGreaterThan(170);
		expect(first).toBeLessThanOrEqual(180);
		await expect
			.poll(async () => seconds(await countdown.textContent()), { timeout: 5000 })
			.toBeLessThan(first);
		const mine = seconds(await facilitator.page.getByRole('timer').textContent());
		expect(Math.abs(mine - seconds(await countdown.textContent()))).toBeLessThanOrEqual(2);
	});

	await test.step('the facilitator puts the card in the spotlight: the phone highlights it', async () => {
		await chooseFromMenu(moreActions(cardByText(facilitator.page, CARD)), 'In den Fokus');
		await expect(participant.page.getByRole('status').filter({ hasText: 'Im Fokus:' })).toContainText(CARD);
		await expect(cardByText(participant.page, CARD)).toHaveAttribute('data-spotlight', 'true');
		await snap(participant.page, testInfo, 'facilitation-participant-390', false);
		await snap(facilitator.page, testInfo, 'facilitation-facilitator-768', false);
	});

	await test.step('the presenter view shows the QR code, the join code, the timer and the board', async () => {
		const projector = await facilitator.context.newPage();
		await projector.setViewportSize({ width: 1920, height: 1080 });
		await projector.goto(`${facilitator.board.url}/present`);
		await expect(projector.locator('.qr svg')).toBeVisible();
		await expect(projector.getByText(facilitator.board.code, { exact: true })).toBeVisible();
		await expect(projector.getByRole('timer')).toHaveText(/^[23]:\d\d$/);
		await expect(projector.getByRole('heading', { name: 'Ordnen' })).toBeVisible();
		await expect(projector.locator(`article`, { hasText: CARD })).toHaveAttribute('data-spotlight', 'true');
		// The projector shows the board; it offers no editing.
		await expect(projector.getByRole('button', { name: /hinzufügen|Bearbeiten|Löschen/ })).toHaveCount(0);
		await snap(projector, testInfo, 'presenter-1920', false);
	});

	await test.step('the facilitator locks the board from the phase bar; the phone says so', async () => {
		await phaseBar(facilitator.page).getByRole('button', { name: 'Board sperren' }).click();
		await expect(phaseBar()).toContainText('Gesperrt');
		await facilitator.page.getByRole('button', { name: 'Board entsperren' }).click();
		await expect(phaseBar()).not.toContainText('Gesperrt');
	});
});
