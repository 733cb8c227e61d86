/**
 * What people see when something is wrong: an unknown code, no cookie for a
 * board, a wrong password, a short password. Every case runs twice, with and
 * without JavaScript: the forms must work on old phones and locked-down browsers too.
 */
import { expect, test, type Page } from '@playwright/test';
import { createBoard, createMeeting, PASSWORD, signUp, snap, uniqueEmail } from './helpers';

/** No message key, no stack trace, no English fallback: what a person can read. */
async function expectReadable(page: Page): Promise<void> {
	const text = await page.locator('body').innerText();
	expect(text).not.toMatch(/\b[a-z]+(_[a-z]+)+\b/); // a raw message key such as join_unknown_code
	expect(text).not.toMatch(/\bat .+:\d+:\d+/); // a stack frame
	expect(text).not.toMatch(/Internal Error|Not Found|undefined|\[object Object\]/);
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('an unknown code gets a clear German message and a way to try again', async ({
			page,
			browser
		}, testInfo) => {
			await page.goto('/join');
			await page.getByLabel('Code', { exact: true }).fill('zz zz-zz');
			await page.getByRole('button', { name: 'Weiter' }).click();
			// Spaces, dashes and lower case are what people type; the address shows the cleaned code.
			await page.waitForURL('**/join/ZZZZZZ');
			const error = page.getByRole('alert');
			await expect(error).toHaveText('Diesen Code gibt es nicht. Bitte prüfe ihn noch einmal.');
			await expectReadable(page);
			await snap(page, testInfo, `unknown-code-${javaScriptEnabled ? 'js' : 'no-js'}`);

			// The code form is right there, holding what was tried and marked as wrong.
			const code = page.getByLabel('Code', { exact: true });
			await expect(code).toHaveValue('ZZZZZZ');
			await expect(code).toHaveAttribute('aria-invalid', 'true');

			const response = await page.goto('/join/NOPE42');
			expect(response?.status()).toBe(404);
			await expect(page.getByRole('alert')).toHaveText(
				'Diesen Code gibt es nicht. Bitte prüfe ihn noch einmal.'
			);
			await expectReadable(page);

			// With the right code typed into the same form, the way goes on to the board.
			const setup = await browser.newContext({ javaScriptEnabled });
			const facilitator = await setup.newPage();
			await signUp(facilitator);
			await createMeeting(facilitator);
			const board = await createBoard(facilitator);
			await setup.close();
			await code.fill(board.code.toLowerCase());
			await page.getByRole('button', { name: 'Weiter' }).click();
			await page.waitForURL(`**/join/${board.code}`);
			await expect(page.getByText('Du nimmst teil an')).toBeVisible();
		});

		test('an address that does not exist gets a German page, not a bare "404"', async ({ page }) => {
			const response = await page.goto('/gibt-es-nicht');
			expect(response?.status()).toBe(404);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Das hat nicht geklappt');
			await expect(page.getByRole('alert')).toHaveText('Das gibt es nicht (mehr).');
			await expectReadable(page);
			await page.getByRole('link', { name: 'Zur Startseite' }).click();
			await expect(page).toHaveURL((url) => url.pathname === '/');
		});

		test('a wrong password is refused in German; the right one lets in', async ({ page }) => {
			const { email } = await signUp(page);
			await page.getByRole('button', { name: 'Abmelden' }).click();
			await page.waitForURL((url) => url.pathname === '/');

			await page.goto('/login');
			await page.getByLabel('E-Mail-Adresse').fill(email);
			await page.getByLabel('Passwort').fill('falsches-passwort');
			// The header has an "Anmelden" link too: the button in the form is the one.
			await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
			await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort stimmt nicht.');
			await expect(page).toHaveURL(/\/login$/);
			// The address stays filled in: only the password needs typing again.
			await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
			await expectReadable(page);

			await page.getByLabel('Passwort').fill(PASSWORD);
			await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
			await page.waitForURL('**/dashboard');
		});

		test('a short password at signup shows the field error', async ({ page }) => {
			const email = uniqueEmail('kurz');
			await page.goto('/signup');
			await page.getByLabel('Name', { exact: true }).fill('Kim Kurz');
			await page.getByLabel('E-Mail-Adresse').fill(email);
			const password = page.getByLabel('Passwort');
			await password.fill('kurz');
			await page.getByRole('button', { name: 'Konto anlegen' }).click();
			await expect(page.getByText('Das Passwort braucht mindestens 10 Zeichen.')).toBeVisible();
			await expect(password).toHaveAttribute('aria-invalid', 'true');
			// The error is tied to the field, so screen readers read it with the field.
			const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
			expect(describedBy).toContain('field-password-error');
			await expect(page).toHaveURL(/\/signup$/);
			// What was typed, except the password, is kept.
			await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
			await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kim Kurz');
			await expectReadable(page);
		});

		test('a facilitator sets up a board through the forms; without a cookie it leads to /join', async ({
			page,
			browser
		}) => {
			await signUp(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hallo Amira Haddad');
			await createMeeting(page, 'Treffen ohne Skript');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Treffen ohne Skript');
			const board = await createBoard(page, 'Board ohne Skript');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Board ohne Skript');
			await expect(page.getByRole('heading', { name: 'Herausforderungen' })).toBeVisible();
			await expect(page.getByRole('heading', { name: 'Lösungsideen' })).toBeVisible();

			// The meeting page lists the new board with its code.
			await page.goto(board.meetingUrl);
			await expect(page.getByRole('link', { name: 'Board ohne Skript' })).toBeVisible();
			await expect(page.getByRole('main')).toContainText(board.code);

			const stranger = await browser.newContext({ javaScriptEnabled });
			const strangerPage = await stranger.newPage();
			await strangerPage.goto(board.url);
			await expect(strangerPage).toHaveURL(/\/join$/);
			await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText('Teilnehmen');
			await expect(strangerPage.getByLabel('Code', { exact: true })).toBeVisible();
			await stranger.close();
		});
	});
}
