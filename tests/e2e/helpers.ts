/**
 * Steps the end-to-end tests share: a facilitator with a board, participants
 * joining by code, and writing cards the way people do (tap "add", type, "Fertig").
 * Selectors follow what people see: roles, labels and the German texts from messages/de.json.
 */
import {
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page,
	type TestInfo
} from '@playwright/test';

export const PASSWORD = 'sehr-geheim-123';

export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 768, height: 1024 };

/** A fresh address per call: the tests share one database for the whole run. */
export function uniqueEmail(prefix = 'moderation'): string {
	return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

export interface Facilitator {
	context: BrowserContext;
	page: Page;
	name: string;
	email: string;
}

export interface BoardInfo {
	url: string;
	code: string;
	meetingUrl: string;
}

export async function signUp(page: Page, name = 'Amira Haddad'): Promise<{ name: string; email: string }> {
	const email = uniqueEmail();
	await page.goto('/signup');
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort').fill(PASSWORD);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await page.waitForURL('**/dashboard');
	return { name, email };
}

export async function createMeeting(page: Page, title = 'Netzwerktreffen Nord'): Promise<string> {
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.getByLabel('Ort').fill('Zentralbibliothek Hamburg');
	await page.getByRole('button', { name: 'Treffen anlegen' }).click();
	await page.waitForURL(/\/meetings\/[^/]+$/);
	return page.url();
}

/** Creates a board on the meeting page and opens it; answers its address and join code. */
export async function createBoard(page: Page, title = 'Herausforderungen & Lösungen'): Promise<BoardInfo> {
	const meetingUrl = page.url();
	await page.getByLabel('Titel des Boards').fill(title);
	await page.getByRole('button', { name: 'Board anlegen' }).click();
	await page.waitForURL(/\/boards\/[^/]+$/);
	const invite = page.getByRole('button', { name: /^Einladen/ });
	const code = (await invite.locator('.code').textContent())?.trim() ?? '';
	expect(code, 'the join code in the "Einladen" button').toMatch(/^[A-Z0-9]{4,12}$/);
	return { url: page.url(), code, meetingUrl };
}

/** A facilitator in their own browser context, signed up, with a meeting and an open board. */
export async function facilitatorWithBoard(
	browser: Browser,
	options: { viewport?: { width: number; height: number }; boardTitle?: string } = {}
): Promise<Facilitator & { board: BoardInfo }> {
	const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
	const page = await context.newPage();
	const { name, email } = await signUp(page);
	await createMeeting(page);
	const board = await createBoard(page, options.boardTitle);
	await expectOnline(page);
	return { context, page, name, email, board };
}

/**
 * A participant in a separate browser context (own cookies, own IndexedDB).
 * `via: 'form'` types the code on /join (in lower case, as people do on phones);
 * `via: 'link'` opens /join/CODE as the QR code does.
 */
export async function joinAsParticipant(
	browser: Browser,
	code: string,
	options: {
		via: 'form' | 'link';
		name?: string;
		organisation?: string;
		viewport?: { width: number; height: number };
	}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: options.viewport ?? PHONE });
	const page = await context.newPage();
	if (options.via === 'form') {
		await page.goto('/join');
		await page.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
		await page.getByRole('button', { name: 'Weiter' }).click();
		await page.waitForURL(`**/join/${code}`);
	} else {
		await page.goto(`/join/${code}`);
	}
	await expect(page.getByText('Du nimmst teil an')).toBeVisible();
	await page.getByLabel('Dein Name (freiwillig)').fill(options.name ?? '');
	await page.getByLabel('Deine Organisation (freiwillig)').fill(options.organisation ?? '');
	await page.getByRole('button', { name: 'Zum Board' }).click();
	await page.waitForURL(/\/boards\/[^/]+$/);
	await expectOnline(page);
	return { context, page };
}

export function connectionIndicator(page: Page): Locator {
	return page.locator('.board-header').getByRole('status');
}

export async function expectOnline(page: Page): Promise<void> {
	await expect(connectionIndicator(page)).toContainText('Verbunden', { timeout: 15_000 });
}

export type ColumnKind = 'challenge' | 'solution';

const COLUMN = {
	challenge: { title: 'Herausforderungen', add: 'Herausforderung hinzufügen' },
	solution: { title: 'Lösungsideen', add: 'Lösungsidee hinzufügen' }
} as const;

/** On phones one column shows at a time, picked with tabs; on wider screens all show and the tabs are hidden. */
export async function showColumn(page: Page, kind: ColumnKind): Promise<void> {
	const tab = page.getByRole('tab', { name: new RegExp(`^${COLUMN[kind].title}`) });
	if (await tab.isVisible()) {
		await tab.click();
		await expect(tab).toHaveAttribute('aria-selected', 'true');
	}
}

/** A card by its own text: the article is named by its text paragraph only, not by linked cards' snippets. */
export function cardByText(page: Page, text: string): Locator {
	return page.getByRole('article', { name: text, exact: true });
}

/** The "⋯" button of a card (or, with `name` "Thema: …", of a theme): its name starts "Weitere Aktionen". */
export function moreActions(scope: Locator, name?: string): Locator {
	return scope.getByRole('button', { name: name ? `Weitere Aktionen: ${name}` : /^Weitere Aktionen: / });
}

/** Picks an item from a card's or theme's "⋯" menu, as people do: open it, then tap the item. */
export async function chooseFromMenu(menuButton: Locator, item: string): Promise<void> {
	await menuButton.click();
	await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
	await menuButton.page().getByRole('menu').getByRole('menuitem', { name: item, exact: true }).click();
}

/** The one card editor on this device; it is labelled "Text der Karte". */
export function cardEditor(page: Page): Locator {
	return page.getByRole('textbox', { name: 'Text der Karte' });
}

/** Taps "Fertig" on the card being edited (other "Fertig" buttons live in dialogs). */
export async function finishEditing(page: Page): Promise<void> {
	const editing = page.getByRole('article').filter({ has: cardEditor(page) });
	await editing.getByRole('button', { name: 'Fertig' }).click();
	await expect(cardEditor(page)).toHaveCount(0);
}

/**
 * Adds a card the way people do: "add", type, "Fertig". Waits for the editor to
 * take the focus first: a new card must be ready for typing without a second tap.
 */
export async function addCard(page: Page, kind: ColumnKind, text: string): Promise<Locator> {
	await showColumn(page, kind);
	await page.getByRole('button', { name: COLUMN[kind].add }).click();
	const editor = cardEditor(page);
	await expect(editor).toBeFocused();
	await page.keyboard.type(text);
	await expect(editor).toHaveValue(text);
	await finishEditing(page);
	const card = cardByText(page, text);
	await expect(card).toBeVisible();
	return card;
}

/** The card's "not sent yet" mark; gone once the server holds the card. */
export function unsentMark(card: Locator): Locator {
	return card.getByText('Noch nicht gesendet');
}

/**
 * Saves a screenshot next to the test's other output and attaches it to the report.
 * Whole pages in full; dialogs as seen on the screen, since their backdrop covers the viewport only.
 */
export async function snap(page: Page, testInfo: TestInfo, name: string, fullPage = true): Promise<void> {
	const path = testInfo.outputPath(`${name}.png`);
	await page.screenshot({ path, fullPage });
	await testInfo.attach(name, { path, contentType: 'image/png' });
}
