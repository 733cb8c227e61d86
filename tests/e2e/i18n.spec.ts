/**
 * Every participant in their own language: German, Arabic (right to left) and
 * Russian join a German facilitator's board, read it in their language, mirrored
 * where the language reads right to left, and write cards that keep their
 * language. Cards are translated side by side; exports carry both.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { facilitatorWithBoard, PHONE, TABLET } from './helpers';
import {
	chooseLanguage,
	direction,
	dismissHelp,
	expectLanguage,
	expectOnlineIn,
	joinInLanguage,
	participantContext,
	plural,
	snapWhole,
	t,
	type Locale
} from './i18n-helpers';

const WRITTEN: Record<'de' | 'ar' | 'ru', string> = {
	de: 'Es gibt zu wenig bezahlbare Räume für Vereinstreffen',
	ar: 'لا توجد قاعات بأسعار معقولة لاجتماعات الجمعيات',
	ru: 'Не хватает недорогих помещений для встреч объединений'
};

async function box(locator: Locator) {
	const rect = await locator.boundingBox();
	expect(rect, 'the element is laid out').not.toBeNull();
	return rect!;
}

/** In right-to-left languages the start edge is on the right: the first item sits right of the second. */
async function expectReadingOrder(first: Locator, second: Locator, locale: Locale, what: string) {
	const [a, b] = [await box(first), await box(second)];
	if (direction(locale) === 'rtl') expect(a.x, `${what}: first is right of second`).toBeGreaterThan(b.x);
	else expect(a.x, `${what}: first is left of second`).toBeLessThan(b.x);
}

async function expectBrandAtStart(page: Page, locale: Locale) {
	const brand = await box(page.locator('.site-header .brand'));
	const width = page.viewportSize()!.width;
	if (direction(locale) === 'rtl')
		expect(brand.x + brand.width, 'brand at the right edge').toBeGreaterThan(width - 40);
	else expect(brand.x, 'brand at the left edge').toBeLessThan(40);
}

for (const locale of ['de', 'ar', 'ru'] as const) {
	test(`${locale}: joining and the board read in ${locale}, laid out ${direction(locale)}`, async ({
		browser
	}, testInfo) => {
		const facilitator = await facilitatorWithBoard(browser);
		const { code } = facilitator.board;
		const context = await participantContext(browser, locale === 'ar' ? 'de' : locale, TABLET);
		const page = await context.newPage();

		await test.step('the join page, in the browser’s language or the one picked in the header', async () => {
			await page.goto('/join');
			// Arabic is picked with the language switcher; Russian comes from the browser's Accept-Language.
			if (locale === 'ar') await chooseLanguage(page, 'de', 'ar', 'العربية');
			await expectLanguage(page, locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(locale, 'join_title'));
			await expectBrandAtStart(page, locale);
			await snapWhole(page, testInfo, `join-${locale}-768`);
		});

		await test.step('joining with the code, in that language', async () => {
			await joinInLanguage(
				page,
				locale,
				code,
				locale === 'ar' ? 'أمينة' : locale === 'ru' ? 'Ольга' : 'Jana'
			);
			await expectLanguage(page, locale);
			await expectOnlineIn(page, locale);
			await dismissHelp(page, locale);
		});

		const columns = page.locator('.columns > .column');
		await test.step('the board: translated, columns in reading order, the brand at the start edge', async () => {
			await expect(
				page.getByRole('heading', { level: 2, name: t(locale, 'column_challenges') })
			).toBeVisible();
			await expect(page.getByRole('button', { name: t(locale, 'add_challenge') })).toBeVisible();
			await expectReadingOrder(columns.nth(0), columns.nth(1), locale, 'challenges and solution ideas');
			await expectBrandAtStart(page, locale);
		});

		await test.step('a card written in that language keeps it, reads in its own direction and is counted in words', async () => {
			await page.getByRole('button', { name: t(locale, 'add_challenge') }).click();
			await page.keyboard.type(WRITTEN[locale]);
			await page.getByRole('button', { name: t(locale, 'card_done') }).click();
			const card = page.getByRole('article', { name: WRITTEN[locale], exact: true });
			await expect(card).toBeVisible();
			await expect(card.locator(`[lang="${locale}"]`).first()).toBeVisible();
			await expect(card.locator('.text').first()).toHaveAttribute('dir', 'auto');
			await expect(columns.nth(0).locator('.count')).toHaveText(plural(locale, 'card_count', 1));
			// The coloured edge is at the start of the line: right in Arabic, left otherwise.
			const edges = await card.evaluate((element) => {
				const style = getComputedStyle(element);
				return { left: parseFloat(style.borderLeftWidth), right: parseFloat(style.borderRightWidth) };
			});
			if (direction(locale) === 'rtl') expect(edges.right).toBeGreaterThan(edges.left);
			else expect(edges.left).toBeGreaterThan(edges.right);
			// The time in the reader's conventions.
			const time = card.locator('time');
			const expected = await time.evaluate((element) =>
				new Intl.DateTimeFormat(document.documentElement.lang, { timeStyle: 'short' }).format(
					new Date((element as HTMLTimeElement).dateTime)
				)
			);
			await expect(time).toHaveText(expected);
			// The facilitator's German device shows the card as written.
			await expect(
				facilitator.page.getByRole('article', { name: WRITTEN[locale], exact: true })
			).toBeVisible();
		});

		await test.step('tablet and phone: nothing cut off, nothing overlapping', async () => {
			await snapWhole(page, testInfo, `board-${locale}-768`);
			await page.setViewportSize(PHONE);
			// On phones one column shows at a time; its tabs keep the reading order.
			const tabs = page.getByRole('tab');
			await expectReadingOrder(tabs.nth(0), tabs.nth(1), locale, 'column tabs');
			await snapWhole(page, testInfo, `board-${locale}-390`);
		});

		await context.close();
		await facilitator.context.close();
	});
}

test('a card in Arabic is translated by an interpreter and the facilitator; readers see both side by side', async ({
	browser
}, testInfo) => {
	const facilitator = await facilitatorWithBoard(browser);
	const { code, url } = facilitator.board;
	const amina = await participantContext(browser, 'ar', TABLET);
	const olga = await participantContext(browser, 'ru', { width: 1280, height: 900 });
	const aminaPage = await amina.newPage();
	const olgaPage = await olga.newPage();
	await joinInLanguage(aminaPage, 'ar', code, 'أمينة');
	await joinInLanguage(olgaPage, 'ru', code, 'Ольга');
	for (const [page, locale] of [
		[aminaPage, 'ar'],
		[olgaPage, 'ru']
	] as const) {
		await expectOnlineIn(page, locale);
		await dismissHelp(page, locale);
	}

	await aminaPage.getByRole('button', { name: t('ar', 'add_challenge') }).click();
	await aminaPage.keyboard.type(WRITTEN.ar);
	await aminaPage.getByRole('button', { name: t('ar', 'card_done') }).click();
	const olgaCard = olgaPage.getByRole('article', { name: WRITTEN.ar, exact: true });
	// Translating is offered in the card's "⋯" menu, which a card without anything to offer lacks.
	const olgaMenu = olgaCard.getByRole('button', { name: t('ru', 'more_actions', { name: WRITTEN.ar }) });

	await test.step('another participant may not translate until the facilitator allows interpreters', async () => {
		await expect(olgaCard).toBeVisible();
		await expect(olgaMenu).toHaveCount(0);
		// The switch waits in the header's "More" menu and shows its state there.
		const more = facilitator.page.getByRole('button', { name: t('de', 'board_more_tools'), exact: true });
		const toggle = facilitator.page.getByRole('menuitemcheckbox', { name: t('de', 'board_interpreters') });
		await more.click();
		await expect(toggle).toHaveAttribute('aria-checked', 'false');
		await toggle.click();
		await more.click();
		await expect(toggle).toHaveAttribute('aria-checked', 'true');
		await facilitator.page.keyboard.press('Escape');
		await expect(olgaMenu).toBeVisible();
	});

	await test.step('the interpreter translates into Russian; Russian readers see original and translation side by side', async () => {
		await olgaMenu.click();
		await olgaCard.getByRole('menuitem', { name: t('ru', 'card_translate') }).click();
		await expect(olgaCard.getByLabel(t('ru', 'card_translation_language'))).toHaveValue('ru');
		const editor = olgaCard.getByRole('textbox');
		await expect(editor).toBeFocused();
		await olgaPage.keyboard.type(WRITTEN.ru);
		await olgaCard.getByRole('button', { name: t('ru', 'card_done') }).click();
		await expect(olgaCard).toBeFocused();
		const translation = olgaCard.locator('.translation');
		await expect(translation).toContainText(t('ru', 'translation_label', { language: 'русский' }));
		await expect(translation).toContainText(WRITTEN.ru);
		await expect(translation.locator('[lang="ru"]')).toHaveText(WRITTEN.ru);
		await expect(olgaCard).toContainText(t('ru', 'original_label', { language: 'арабский' }));
		const original = await olgaCard.locator('#card-text-' + (await cardId(olgaCard))).boundingBox();
		const translated = await translation.boundingBox();
		expect(translated!.x, 'the translation stands beside the original').toBeGreaterThan(original!.x + 100);
		expect(Math.abs(translated!.y - original!.y)).toBeLessThan(40);
		await snapWhole(olgaPage, testInfo, 'translation-ru-1280');
	});

	await test.step('the facilitator adds German; the author sees her card as she wrote it', async () => {
		const card = facilitator.page.getByRole('article', { name: WRITTEN.ar, exact: true });
		await card.getByRole('button', { name: t('de', 'more_actions', { name: WRITTEN.ar }) }).click();
		await card.getByRole('menuitem', { name: t('de', 'card_translate') }).click();
		await expect(card.getByLabel(t('de', 'card_translation_language'))).toHaveValue('de');
		await facilitator.page.keyboard.type(WRITTEN.de);
		await facilitator.page.keyboard.press('Control+Enter');
		await expect(card.locator('.translation')).toContainText(WRITTEN.de);
		await expect(card.locator('.translation')).toContainText('Übersetzung (Deutsch)');
		const own = aminaPage.getByRole('article', { name: WRITTEN.ar, exact: true });
		await expect(own).toBeVisible();
		await expect(own.locator('.translation')).toHaveCount(0);
	});

	await test.step('the export carries the original with its language and both translations', async () => {
		const boardId = url.split('/').pop();
		const response = await facilitator.page.request.get(`/api/v1/boards/${boardId}/export?format=json`);
		expect(response.status()).toBe(200);
		const exported = (await response.json()) as {
			cards: Array<{ text: string; lang: string | null; translations: Record<string, string> }>;
		};
		const card = exported.cards.find((c) => c.text === WRITTEN.ar);
		expect(card).toMatchObject({ lang: 'ar', translations: { ru: WRITTEN.ru, de: WRITTEN.de } });
		const markdown = await (
			await facilitator.page.request.get(`/api/v1/boards/${boardId}/export?format=md`)
		).text();
		expect(markdown).toContain(`Übersetzung (Russisch): ${WRITTEN.ru}`);
	});

	await amina.close();
	await olga.close();
	await facilitator.context.close();
});

async function cardId(card: Locator): Promise<string> {
	return ((await card.getAttribute('id')) ?? '').replace(/^card-/, '');
}
