/**
 * Every participant able to take part: axe-core finds no serious or critical
 * problem on any screen, in German and in Arabic; a participant who uses only a
 * keyboard joins, writes, links and votes; new cards from others are announced
 * politely and not too often; the board works at 320 px (a 640 px window at
 * 200 % zoom) and without motion for people who ask for less.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	createBoard,
	createMeeting,
	facilitatorWithBoard,
	joinAsParticipant,
	PHONE,
	signUp,
	TABLET
} from './helpers';
import {
	chooseLanguage,
	dismissHelp,
	expectControlsWhole,
	expectLanguage,
	expectNoSeriousAxeViolations,
	expectOnlineIn,
	joinInLanguage,
	participantContext,
	t,
	type Locale
} from './i18n-helpers';

/** Presses Tab until `target` has the focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
	for (let i = 0; i < maxPresses; i++) {
		if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
			await expectVisibleFocus(page);
			return;
		}
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

/** The focused control shows it: a solid outline of at least 2 px (WCAG 2.4.7, 2.4.13). */
async function expectVisibleFocus(page: Page): Promise<void> {
	const outline = await page.evaluate(() => {
		const element = document.activeElement as HTMLElement | null;
		if (!element) return null;
		const style = getComputedStyle(element);
		return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), tag: element.tagName };
	});
	expect(outline, 'something has the focus').not.toBeNull();
	expect(outline!.style, `${outline!.tag} shows its focus`).not.toBe('none');
	expect(outline!.width).toBeGreaterThanOrEqual(2);
}

for (const locale of ['de', 'ar'] as const) {
	test(`${locale}: axe-core finds no serious or critical problem on any screen`, async ({ browser }) => {
		test.setTimeout(120_000);
		const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
		const page = await facilitator.newPage();
		await signUp(page);
		await createMeeting(page);
		const board = await createBoard(page);
		const boardId = board.url.split('/').pop()!;
		const meetingUrl = board.meetingUrl;
		if (locale !== 'de') await chooseLanguage(page, 'de', locale, 'العربية');

		const participant = await participantContext(browser, locale, PHONE, { bypassCSP: true });
		const phone = await participant.newPage();

		await test.step('home and joining', async () => {
			for (const path of ['/', '/join', `/join/${board.code}`]) {
				await phone.goto(path);
				await expectLanguage(phone, locale);
				await expectNoSeriousAxeViolations(phone, `${locale} ${path}`);
			}
		});

		await test.step('the board as a participant, with the help open and with a card', async () => {
			await joinInLanguage(phone, locale, board.code, locale === 'ar' ? 'سامي' : 'Sami');
			await expectOnlineIn(phone, locale);
			await expectNoSeriousAxeViolations(phone, `${locale} participant board with help`);
			await dismissHelp(phone, locale);
			await phone.getByRole('button', { name: t(locale, 'add_challenge') }).click();
			await phone.keyboard.type(locale === 'ar' ? 'المواصلات إلى القاعة صعبة' : 'Der Weg zum Saal ist weit');
			await phone.keyboard.press('Control+Enter');
			await expectNoSeriousAxeViolations(phone, `${locale} participant board`);
		});

		await test.step('the facilitator’s screens: dashboard, meeting, board, presenter view', async () => {
			for (const path of [
				'/dashboard',
				new URL(meetingUrl).pathname,
				`/boards/${boardId}`,
				`/boards/${boardId}/present`
			]) {
				await page.goto(path);
				await expectLanguage(page, locale);
				if (path.startsWith('/boards')) await expectOnlineIn(page, locale).catch(() => undefined);
				await expectNoSeriousAxeViolations(page, `${locale} ${path}`);
			}
		});

		await test.step('the outcome of a finished board, and the list of outcomes', async () => {
			const response = await page.request.post(`/api/v1/boards/${boardId}/finish`, {
				headers: { origin: new URL(page.url()).origin }
			});
			expect(response.status(), await response.text()).toBeLessThan(300);
			const { outcome } = (await response.json()) as { outcome: { id: string } };
			for (const path of [`/outcomes/${outcome.id}`, '/outcomes']) {
				await page.goto(path);
				await expectLanguage(page, locale);
				await expectNoSeriousAxeViolations(page, `${locale} ${path}`);
			}
		});

		await participant.close();
		await facilitator.close();
	});
}

test('a participant who uses only the keyboard joins, writes, links and votes', async ({ browser }) => {
	test.setTimeout(120_000);
	const facilitator = await facilitatorWithBoard(browser, { viewport: TABLET });
	const context = await participantContext(browser, 'de', TABLET);
	const page = await context.newPage();

	await test.step('join: type the code, a name, press Enter', async () => {
		await page.goto('/');
		const code = page.getByLabel('Code', { exact: true });
		await tabTo(page, code);
		await page.keyboard.type(facilitator.board.code.toLowerCase());
		await page.keyboard.press('Enter');
		await page.waitForURL(`**/join/${facilitator.board.code}`);
		await tabTo(page, page.getByLabel('Dein Name (freiwillig)'));
		await page.keyboard.type('Tastatur-Tina');
		await tabTo(page, page.getByRole('button', { name: 'Zum Board' }));
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/boards\/[^/]+$/);
	});

	await test.step('the help greets her and gives the focus back to its "?" button', async () => {
		const help = page.getByRole('region', { name: 'So funktioniert’s' });
		await expect(help).toBeVisible();
		await tabTo(page, help.getByRole('button', { name: 'Los geht’s' }));
		await page.keyboard.press('Enter');
		await expect(help).toBeHidden();
		await expect(page.getByRole('button', { name: 'So funktioniert’s' })).toBeFocused();
	});

	const challenge = 'Vereine finden keine Räume am Abend';
	const solution = 'Schulen öffnen ihre Aulen für Vereine';
	await test.step('add a challenge and a solution idea; after each, the focus is on the new card', async () => {
		for (const [button, text] of [
			['Herausforderung hinzufügen', challenge],
			['Lösungsidee hinzufügen', solution]
		]) {
			await tabTo(page, page.getByRole('button', { name: button }), 60);
			await page.keyboard.press('Enter');
			await expect(page.getByRole('textbox', { name: 'Text der Karte' })).toBeFocused();
			await page.keyboard.type(text);
			await page.keyboard.press('Control+Enter');
			await expect(page.getByRole('article', { name: text, exact: true })).toBeFocused();
		}
	});

	await test.step('the card’s “⋯” menu: Enter opens it, arrows move, Escape closes it and returns the focus', async () => {
		const card = page.getByRole('article', { name: solution, exact: true });
		const menuButton = card.getByRole('button', { name: `Weitere Aktionen: ${solution}` });
		await tabTo(page, menuButton);
		await expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
		await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
		await page.keyboard.press('Enter');
		const menu = page.getByRole('menu', { name: `Weitere Aktionen: ${solution}` });
		await expect(menu).toBeVisible();
		await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
		const translate = menu.getByRole('menuitem', { name: 'Übersetzen' });
		const remove = menu.getByRole('menuitem', { name: 'Löschen' });
		await expect(translate, 'the first item takes the focus').toBeFocused();
		await page.keyboard.press('ArrowDown');
		await expect(remove).toBeFocused();
		await expectVisibleFocus(page);
		await page.keyboard.press('ArrowDown');
		await expect(translate, 'the arrows wrap around').toBeFocused();
		await page.keyboard.press('Escape');
		await expect(menu).toBeHidden();
		await expect(menuButton).toBeFocused();
		await expect(menuButton).toHaveAttribute('aria-expanded', 'false');

		// Deleting asks first; "Abbrechen" keeps the card and gives it the focus.
		await page.keyboard.press('Enter');
		await expect(translate).toBeFocused();
		await page.keyboard.press('End');
		await expect(remove).toBeFocused();
		await page.keyboard.press('Enter');
		const confirm = card.getByRole('group', { name: 'Karte wirklich löschen?' });
		await expect(confirm.getByRole('button', { name: 'Löschen' })).toBeFocused();
		await tabTo(page, confirm.getByRole('button', { name: 'Abbrechen' }));
		await page.keyboard.press('Enter');
		await expect(confirm).toHaveCount(0);
		await expect(card).toBeFocused();
	});

	await test.step('link the idea to the challenge in the dialog', async () => {
		const card = page.getByRole('article', { name: solution, exact: true });
		await tabTo(page, card.getByRole('button', { name: 'Verknüpfen' }));
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Mit Herausforderungen verknüpfen' });
		await expect(dialog).toBeVisible();
		await tabTo(page, dialog.getByRole('checkbox', { name: challenge }));
		await page.keyboard.press('Space');
		await tabTo(page, dialog.getByRole('button', { name: 'Fertig' }));
		await page.keyboard.press('Enter');
		await expect(dialog).toBeHidden();
		await expect(card.getByRole('link', { name: challenge })).toBeVisible();
		await expect(
			page.getByRole('article', { name: challenge, exact: true }).getByRole('link', { name: solution })
		).toBeVisible();
	});

	await test.step('vote with the keyboard once the facilitator opens voting', async () => {
		const facilitatorPage = facilitator.page;
		for (const phase of ['Ordnen', 'Abstimmen']) {
			await facilitatorPage.getByRole('button', { name: `Weiter: ${phase}` }).click();
			await expect(facilitatorPage.locator('#phase-heading')).toContainText(phase);
		}
		const panel = facilitatorPage.locator('details.workshop-controls');
		await panel.locator('summary').click();
		await panel.getByRole('button', { name: 'Abstimmung öffnen' }).click();
		const give = page.getByRole('button', { name: `Einen Punkt geben: ${challenge}` });
		await expect(give).toBeVisible();
		await tabTo(page, give, 80);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('article', { name: challenge, exact: true })).toContainText(
			'1 Punkt von dir'
		);
	});

	await context.close();
	await facilitator.context.close();
});

test('new cards from others are announced politely, at most one message every few seconds', async ({
	browser
}) => {
	const facilitator = await facilitatorWithBoard(browser, { viewport: TABLET });
	const listener = await joinAsParticipant(browser, facilitator.board.code, { via: 'link', name: 'Lena' });
	const writer = await joinAsParticipant(browser, facilitator.board.code, { via: 'link', name: 'Omid' });
	for (const page of [listener.page, writer.page]) await dismissHelp(page, 'de');

	const region = listener.page
		.locator('[role="status"][aria-live="polite"]')
		.filter({ hasText: /neue Karte/ });
	await listener.page.evaluate(() => {
		const log: Array<{ at: number; text: string }> = [];
		(window as unknown as { announcements: typeof log }).announcements = log;
		new MutationObserver(() => {
			for (const element of document.querySelectorAll('[role="status"][aria-live="polite"]')) {
				const text = element.textContent?.trim() ?? '';
				if (/neue Karte/.test(text) && log.at(-1)?.text !== text) log.push({ at: Date.now(), text });
			}
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});

	// Her own card is not news to her.
	await listener.page.getByRole('button', { name: 'Herausforderung hinzufügen' }).click();
	await listener.page.keyboard.type('Meine eigene Karte');
	await listener.page.keyboard.press('Control+Enter');

	for (const text of ['Erste', 'Zweite', 'Dritte', 'Vierte']) {
		await writer.page.getByRole('button', { name: 'Herausforderung hinzufügen' }).click();
		await writer.page.keyboard.type(`${text} Karte von Omid`);
		await writer.page.keyboard.press('Control+Enter');
	}
	await expect(region).toHaveCount(1);
	await expect
		.poll(
			async () => {
				const log = await listener.page.evaluate(
					() => (window as unknown as { announcements: Array<{ at: number; text: string }> }).announcements
				);
				return log.reduce((sum, entry) => sum + Number(/\d+/.exec(entry.text)?.[0] ?? 0), 0);
			},
			{ timeout: 15_000, message: 'all four of Omid’s cards are announced, none of Lena’s' }
		)
		.toBe(4);
	const log = await listener.page.evaluate(
		() => (window as unknown as { announcements: Array<{ at: number; text: string }> }).announcements
	);
	expect(log.length, 'several cards are announced together').toBeLessThan(4);
	for (let i = 1; i < log.length; i++) {
		expect(log[i].at - log[i - 1].at, 'announcements are spaced out').toBeGreaterThan(4000);
	}

	for (const context of [listener.context, writer.context, facilitator.context]) await context.close();
});

for (const locale of ['de', 'ar'] as const satisfies readonly Locale[]) {
	test(`${locale}: usable at 320 px wide (200 % zoom), with large enough targets`, async ({ browser }) => {
		const facilitator = await facilitatorWithBoard(browser);
		const context = await participantContext(browser, locale, { width: 320, height: 640 });
		const page = await context.newPage();
		await joinInLanguage(page, locale, facilitator.board.code, locale === 'ar' ? 'ليلى' : 'Lea');
		await expectOnlineIn(page, locale);
		await expectControlsWhole(page, `${locale} board at 320 px with help`);
		await dismissHelp(page, locale);
		await page.getByRole('button', { name: t(locale, 'add_challenge') }).click();
		await page.keyboard.type(locale === 'ar' ? 'نحتاج إلى ترجمة في الاجتماعات' : 'Wir brauchen Übersetzung');
		await page.keyboard.press('Control+Enter');
		await expectControlsWhole(page, `${locale} board at 320 px`);
		const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(sideways, 'no sideways scrolling').toBeLessThanOrEqual(0);
		const small = await page.evaluate(() =>
			[
				...document.querySelectorAll<HTMLElement>(
					'main button, main a[href], main summary, main select, main [role="tab"]'
				)
			]
				.filter((element) => element.checkVisibility({ visibilityProperty: true }))
				.map((element) => ({ element, rect: element.getBoundingClientRect() }))
				.filter(({ rect }) => rect.width > 0 && (rect.width < 44 || rect.height < 44))
				.map(
					({ element, rect }) =>
						`${element.tagName} "${element.innerText.trim().slice(0, 30)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`
				)
		);
		expect(small, 'touch targets of at least 44 × 44 px').toEqual([]);
		await context.close();
		await facilitator.context.close();
	});
}

test('people who ask for less motion get none', async ({ browser }) => {
	const facilitator = await facilitatorWithBoard(browser);
	const context = await browser.newContext({ viewport: TABLET, reducedMotion: 'reduce' });
	const page = await context.newPage();
	await joinInLanguage(page, 'de', facilitator.board.code, 'Ruhig');
	const motion = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('body *')]
			.map((element) => getComputedStyle(element))
			.filter((style) => style.animationName !== 'none' || style.transitionDuration !== '0s')
			.map((style) =>
				Math.max(...`${style.animationDuration},${style.transitionDuration}`.split(',').map(parseFloat))
			)
	);
	expect(Math.max(0, ...motion), 'longest animation or transition, in seconds').toBeLessThan(0.01);
	await context.close();
	await facilitator.context.close();
});
