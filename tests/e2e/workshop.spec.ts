/**
 * A whole workshop as a facilitator runs it from a tablet with two participants
 * on phones: collect privately, reveal, cluster, vote, reveal the votes, write a
 * recommendation, lock. At each step every screen shows the same.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	addCard,
	cardByText,
	cardEditor,
	chooseFromMenu,
	facilitatorWithBoard,
	joinAsParticipant,
	moreActions,
	PHONE,
	showColumn,
	snap,
	TABLET
} from './helpers';

const ROOMS = 'Zu wenig Räume für Treffen';
const RENT = 'Die Miete für Räume ist zu teuer';
const THEME = 'Räume';
const RECOMMENDATION = 'Die Stadt öffnet Schulen abends für Vereine';

/** The facilitator's panel for private writing, votes, recommendations and the view. */
async function controls(page: Page): Promise<Locator> {
	const panel = page.locator('details.workshop-controls');
	if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open))) {
		await panel.locator('summary').click();
	}
	return panel;
}

function theme(page: Page, title: string): Locator {
	return page.getByRole('region', { name: title, exact: true });
}

async function nextPhase(page: Page, phase: string): Promise<void> {
	await page.getByRole('button', { name: `Weiter: ${phase}` }).click();
	await expect(page.locator('#phase-heading')).toContainText(phase);
}

test('a facilitator and two participants run a whole workshop; every screen agrees', async ({
	browser
}, testInfo) => {
	test.setTimeout(180_000);
	const facilitator = await facilitatorWithBoard(browser, { viewport: TABLET });
	const { code } = facilitator.board;
	const a = await joinAsParticipant(browser, code, {
		via: 'link',
		name: 'Yusuf',
		organisation: 'Kulturverein'
	});
	const b = await joinAsParticipant(browser, code, { via: 'link', name: 'Leyla', viewport: PHONE });
	const everyone = [facilitator.page, a.page, b.page];
	const participants = [a.page, b.page];

	await test.step('collect privately: a card is seen by its author and the facilitator only', async () => {
		const panel = await controls(facilitator.page);
		await panel.getByRole('button', { name: 'Stilles Schreiben starten' }).click();
		for (const page of participants) await expect(page.getByText(/^Stilles Schreiben:/)).toBeVisible();
		const card = await addCard(a.page, 'challenge', ROOMS);
		await expect(card.getByText('Nur du und die Moderation sehen das')).toBeVisible();
		await addCard(b.page, 'challenge', RENT);
		await expect(cardByText(facilitator.page, ROOMS).getByText('Noch verdeckt')).toBeVisible();
		await expect(cardByText(facilitator.page, RENT).getByText('Noch verdeckt')).toBeVisible();
		await expect(cardByText(b.page, ROOMS)).toHaveCount(0);
		await expect(cardByText(a.page, RENT)).toHaveCount(0);
		await snap(a.page, testInfo, 'private-participant-390');
		await snap(facilitator.page, testInfo, 'private-facilitator-768');
	});

	await test.step('reveal: both cards are on every screen, in their authors’ names', async () => {
		const panel = await controls(facilitator.page);
		await panel.getByRole('button', { name: '2 verdeckte Karten aufdecken' }).click();
		for (const page of everyone) {
			await showColumn(page, 'challenge');
			await expect(cardByText(page, ROOMS)).toContainText('Yusuf');
			await expect(cardByText(page, RENT)).toContainText('Leyla');
			await expect(page.getByText('Noch verdeckt')).toHaveCount(0);
			await expect(page.getByText('Nur du und die Moderation sehen das')).toHaveCount(0);
		}
		for (const page of participants) await expect(page.getByText(/^Stilles Schreiben:/)).toHaveCount(0);
	});

	await test.step('cluster: a theme from the menu on one phone, a card dragged into it on the other', async () => {
		await nextPhase(facilitator.page, 'Ordnen');
		await chooseFromMenu(moreActions(cardByText(a.page, ROOMS)), 'In Thema verschieben…');
		const dialog = a.page.getByRole('dialog', { name: 'In welches Thema gehört diese Karte?' });
		await dialog.getByLabel('Name des neuen Themas').fill(THEME);
		await dialog.getByRole('button', { name: 'Thema anlegen' }).click();
		await expect(dialog).toBeHidden();
		await expect(theme(b.page, THEME)).toBeVisible();
		// Leyla drags her card onto the theme with the pointer (what a finger does on a tablet).
		const handle = cardByText(b.page, RENT).locator('.handle');
		await handle.scrollIntoViewIfNeeded();
		const from = (await handle.boundingBox())!;
		const to = (await theme(b.page, THEME).locator('h3').boundingBox())!;
		await b.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
		await b.page.mouse.down();
		await b.page.mouse.move(to.x + 20, to.y + to.height / 2, { steps: 8 });
		await expect(theme(b.page, THEME)).toHaveClass(/over/);
		await snap(b.page, testInfo, 'dragging-390', false);
		await b.page.mouse.up();
		for (const page of everyone) {
			await expect(theme(page, THEME).getByRole('article')).toHaveCount(2);
		}
		await snap(facilitator.page, testInfo, 'clustered-facilitator-768');
		await snap(b.page, testInfo, 'clustered-participant-390');
	});

	await test.step('vote: each phone sees only its own dots; the facilitator sees the totals', async () => {
		const panel = await controls(facilitator.page);
		await panel.getByLabel('Punkte pro Person').fill('3');
		await panel.getByLabel('Höchstens pro Karte').fill('2');
		await panel.getByRole('button', { name: 'Übernehmen' }).click();
		await expect(panel.getByText('Übernommen.')).toBeVisible();
		await nextPhase(facilitator.page, 'Abstimmen');
		await panel.getByRole('button', { name: 'Abstimmung öffnen' }).click();
		for (const page of participants) await expect(page.getByText('Du hast noch 3 Punkte.')).toBeVisible();
		const giveTheme = (page: Page) =>
			theme(page, THEME).getByRole('button', { name: `Einen Punkt geben: Thema: ${THEME}` });
		await giveTheme(a.page).click();
		await expect(a.page.getByText('Du hast noch 2 Punkte.')).toBeVisible();
		await giveTheme(a.page).click();
		await expect(a.page.getByText('Du hast noch 1 Punkt.')).toBeVisible();
		// The maximum per card is two: a third dot is not offered (the server would refuse it too).
		await expect(giveTheme(a.page)).toBeDisabled();
		await giveTheme(b.page).click();
		await expect(b.page.getByText('Du hast noch 2 Punkte.')).toBeVisible();
		await expect(theme(facilitator.page, THEME).getByText('3 Punkte', { exact: true })).toBeVisible();
		// Before the reveal, no phone shows totals.
		for (const page of participants) await expect(theme(page, THEME).locator('.total')).toHaveCount(0);
		await snap(a.page, testInfo, 'voting-participant-390');
	});

	await test.step('reveal the votes: every screen shows the same totals', async () => {
		const panel = await controls(facilitator.page);
		await panel.getByRole('button', { name: 'Ergebnis für alle zeigen' }).click();
		for (const page of everyone) {
			await expect(theme(page, THEME).getByText('3 Punkte', { exact: true })).toBeVisible();
		}
		await snap(facilitator.page, testInfo, 'votes-revealed-768');
	});

	await test.step('the facilitator groups the cards by organisation, without names', async () => {
		const panel = await controls(facilitator.page);
		await panel.getByLabel('Karten nach Organisation gruppieren').check();
		const group = facilitator.page.getByRole('region', { name: /^Kulturverein/ });
		await expect(group).toContainText(ROOMS);
		await expect(group).not.toContainText('Yusuf');
		await expect(facilitator.page.getByRole('region', { name: /^Ohne Angabe/ })).toContainText(RENT);
		await snap(facilitator.page, testInfo, 'organisations-768');
		await panel.getByLabel('Karten nach Organisation gruppieren').uncheck();
		await expect(theme(facilitator.page, THEME)).toBeVisible();
	});

	await test.step('recommend: the top theme becomes a recommendation that names where it comes from', async () => {
		await nextPhase(facilitator.page, 'Empfehlen');
		await theme(facilitator.page, THEME).getByRole('button', { name: 'Zur Empfehlung machen' }).click();
		const editor = cardEditor(facilitator.page);
		await expect(editor).toBeVisible();
		await expect(editor).toHaveValue(THEME);
		await editor.fill(RECOMMENDATION);
		await facilitator.page.getByRole('button', { name: 'Fertig', exact: true }).click();
		for (const page of everyone) {
			const tab = page.getByRole('tab', { name: /^Empfehlungen/ });
			if (await tab.isVisible()) await tab.click();
			const card = cardByText(page, RECOMMENDATION);
			await expect(card).toBeVisible();
			await expect(card.getByText('Beruht auf')).toBeVisible();
			await expect(card.getByRole('link', { name: THEME, exact: true })).toBeVisible();
			await expect(card.getByRole('link', { name: ROOMS, exact: true })).toBeVisible();
		}
		await snap(b.page, testInfo, 'recommendation-390');
	});

	await test.step('lock: participants can no longer change anything', async () => {
		await facilitator.page.locator('.phase-bar').getByRole('button', { name: 'Board sperren' }).click();
		for (const page of participants) {
			await expect(page.getByText('Die Moderation hat das Board gesperrt.', { exact: false })).toBeVisible();
			await expect(page.getByRole('button', { name: /hinzufügen$/ })).toHaveCount(0);
		}
		await snap(a.page, testInfo, 'locked-390');
	});

	for (const context of [facilitator.context, a.context, b.context]) await context.close();
});
