/**
 * The workshop as it happens: a facilitator opens a board, two participants join
 * by code on their phones, write and link cards, and everyone sees it live.
 */
import { expect, test } from '@playwright/test';
import {
	addCard,
	cardByText,
	cardEditor,
	chooseFromMenu,
	facilitatorWithBoard,
	finishEditing,
	joinAsParticipant,
	moreActions,
	showColumn
} from './helpers';

const CHALLENGE = 'Zu wenig Räume für unsere Treffen';
const SOLUTION = 'Räume der Stadt abends kostenlos öffnen';
const ADDITION = ' (auch am Wochenende)';

test('participants write and link cards live; the facilitator moderates', async ({ browser }) => {
	const facilitator = await facilitatorWithBoard(browser);
	const { code } = facilitator.board;

	// A types the code in lower case on /join and gives a name; B opens the QR link and stays anonymous.
	const a = await joinAsParticipant(browser, code, {
		via: 'form',
		name: 'Yusuf',
		organisation: 'Kulturverein'
	});
	const b = await joinAsParticipant(browser, code, { via: 'link', name: '' });

	await test.step('presence shows all three people', async () => {
		for (const page of [facilitator.page, a.page, b.page]) {
			await expect(page.getByRole('button', { name: '3 Personen hier' })).toBeVisible();
		}
		const presence = b.page.getByRole('button', { name: '3 Personen hier' });
		await presence.click();
		await expect(presence).toHaveAttribute('aria-expanded', 'true');
		const list = b.page.locator(`#${await presence.getAttribute('aria-controls')}`);
		await expect(list).toContainText('Amira Haddad');
		await expect(list).toContainText('Yusuf');
		await expect(list.getByRole('listitem').filter({ hasText: '(du)' })).toContainText('Anonym');
		await presence.click();
		await expect(list).toBeHidden();
	});

	await test.step('A adds a challenge; B and the facilitator see it live', async () => {
		const card = await addCard(a.page, 'challenge', CHALLENGE);
		await expect(card).toContainText('Yusuf');
		await expect(cardByText(facilitator.page, CHALLENGE)).toBeVisible();
		await showColumn(b.page, 'challenge');
		await expect(cardByText(b.page, CHALLENGE)).toBeVisible();
	});

	await test.step('B adds a solution and links it through "Verknüpfen"', async () => {
		const card = await addCard(b.page, 'solution', SOLUTION);
		await expect(card, 'an empty name shows as anonymous').toContainText('Anonym');
		await card.getByRole('button', { name: 'Verknüpfen' }).click();
		const dialog = b.page.getByRole('dialog', { name: 'Mit Herausforderungen verknüpfen' });
		await expect(dialog).toBeVisible();
		await dialog.getByRole('checkbox', { name: CHALLENGE }).check();
		await dialog.getByRole('button', { name: 'Fertig' }).click();
		await expect(dialog).toBeHidden();
		await expect(card.getByText('Antwort auf')).toBeVisible();
		await expect(card.getByRole('link', { name: CHALLENGE })).toBeVisible();
	});

	await test.step('A sees the solution and the link both ways', async () => {
		const challenge = cardByText(a.page, CHALLENGE);
		await expect(challenge.getByText('Lösungsideen dazu')).toBeVisible();
		await expect(challenge.getByRole('link', { name: SOLUTION })).toBeVisible();
		await showColumn(a.page, 'solution');
		const solution = cardByText(a.page, SOLUTION);
		await expect(solution.getByText('Antwort auf')).toBeVisible();
		await expect(solution.getByRole('link', { name: CHALLENGE })).toBeVisible();
	});

	await test.step("a participant cannot edit someone else's card", async () => {
		// A looks at B's solution: linking is open to everyone, editing and deleting are not,
		// and nothing else is offered either: no "⋯" menu.
		const solution = cardByText(a.page, SOLUTION);
		await expect(solution.getByRole('button', { name: 'Verknüpfen' })).toBeVisible();
		await expect(solution.getByRole('button', { name: 'Bearbeiten' })).toHaveCount(0);
		await expect(moreActions(solution)).toHaveCount(0);
		// The control: on the own card "Bearbeiten" is in sight and "Löschen" in the menu.
		await showColumn(a.page, 'challenge');
		const own = cardByText(a.page, CHALLENGE);
		await expect(own.getByRole('button', { name: 'Bearbeiten' })).toBeVisible();
		await moreActions(own).click();
		await expect(own.getByRole('menuitem', { name: 'Löschen' })).toBeVisible();
		await a.page.keyboard.press('Escape');
		await expect(own.getByRole('menuitem')).toHaveCount(0);
	});

	await test.step("the facilitator edits a participant's card", async () => {
		const page = facilitator.page;
		// Someone else's card: editing it is moderation, found in the card's menu.
		await chooseFromMenu(moreActions(cardByText(page, CHALLENGE)), 'Bearbeiten');
		const editor = cardEditor(page);
		await expect(editor).toBeFocused();
		await expect(editor).toHaveValue(CHALLENGE);
		// The cursor starts at the end: typing appends.
		await page.keyboard.type(ADDITION);
		await finishEditing(page);
		const edited = cardByText(page, CHALLENGE + ADDITION);
		await expect(edited).toBeVisible();
		await expect(edited, 'the author stays the participant').toContainText('Yusuf');
		await expect(cardByText(a.page, CHALLENGE + ADDITION)).toBeVisible();
		await showColumn(b.page, 'challenge');
		await expect(cardByText(b.page, CHALLENGE + ADDITION)).toBeVisible();
	});

	await test.step("the facilitator deletes a participant's card", async () => {
		const page = facilitator.page;
		const solution = cardByText(page, SOLUTION);
		await chooseFromMenu(moreActions(solution), 'Löschen');
		const confirm = solution.getByRole('group', { name: 'Karte wirklich löschen?' });
		await expect(confirm).toBeVisible();
		await confirm.getByRole('button', { name: 'Löschen' }).click();
		await expect(solution).toHaveCount(0);
		for (const participant of [a.page, b.page]) {
			await showColumn(participant, 'solution');
			await expect(cardByText(participant, SOLUTION)).toHaveCount(0);
			// The link went with the card: the challenge no longer lists it.
			await showColumn(participant, 'challenge');
			await expect(cardByText(participant, CHALLENGE + ADDITION).getByText('Lösungsideen dazu')).toHaveCount(
				0
			);
		}
	});

	await Promise.all([facilitator.context.close(), a.context.close(), b.context.close()]);
});
