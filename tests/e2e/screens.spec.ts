/**
 * Every screen at tablet and phone size: screenshots for people to look at
 * (attached to the report), no sideways scrolling, touch targets big enough for
 * fingers on the board, and the same pages in English.
 */
import { expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import {
	addCard,
	connectionIndicator,
	createBoard,
	createMeeting,
	expectOnline,
	joinAsParticipant,
	PHONE,
	showColumn,
	signUp,
	snap,
	TABLET
} from './helpers';

const CHALLENGE = 'Ehrenamtliche finden kaum Zeit für lange Sitzungen am Abend';
const SOLUTION = 'Kurze Online-Treffen in der Mittagspause ausprobieren';
const PARTICIPANT_CARD = 'Die Förderanträge sind zu kompliziert und kosten viel Kraft';

/** WCAG 2.5.5 asks for 44 CSS pixels; people tap these on phones held in one hand. */
const MIN_TOUCH = 44;

async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
	const result = await page.evaluate(() => {
		const width = window.innerWidth;
		const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
			.filter((element) => element.getBoundingClientRect().right > width + 0.5)
			.slice(0, 5)
			.map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
		return { scrollWidth: document.documentElement.scrollWidth, width, wide };
	});
	expect(
		result.scrollWidth,
		`${what}: the page scrolls sideways (${result.scrollWidth} > ${result.width}); too wide: ${result.wide.join(', ')}`
	).toBeLessThanOrEqual(result.width);
}

/** Every visible button, link, input, summary and tab must be at least MIN_TOUCH pixels high. */
async function expectTouchTargets(page: Page, what: string): Promise<void> {
	const offenders = await page.evaluate((min) => {
		const selector = 'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="tab"]';
		return [...document.querySelectorAll<HTMLElement>(selector)]
			.filter((element) => {
				const rect = element.getBoundingClientRect();
				const style = getComputedStyle(element);
				// Off-screen until focused (the skip link) or not rendered at all (closed menus).
				const onPage = rect.bottom + window.scrollY > 0 && rect.right + window.scrollX > 0;
				return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && onPage;
			})
			.map((element) => {
				// A checkbox or radio button inside its label is tapped through the whole label.
				const choice =
					element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio');
				const label = choice ? element.closest('label') : null;
				const height = Math.max(
					element.getBoundingClientRect().height,
					label?.getBoundingClientRect().height ?? 0
				);
				return {
					element: `${element.tagName.toLowerCase()}${element.className ? '.' + element.className.split(' ')[0] : ''}`,
					text: (element.innerText || element.getAttribute('aria-label') || label?.innerText || '')
						.trim()
						.slice(0, 40),
					height: Math.round(height * 10) / 10
				};
			})
			.filter((target) => target.height < min);
	}, MIN_TOUCH);
	expect(
		offenders,
		`${what}: touch targets lower than ${MIN_TOUCH}px:\n${offenders
			.map((target) => `  ${target.element} "${target.text}" ${target.height}px`)
			.join('\n')}`
	).toEqual([]);
}

/** A one-word title split over two lines ("Herausforderung" / "en") is hard to read on a phone tab. */
async function expectTabTitlesWhole(page: Page, what: string): Promise<void> {
	const split = await page.getByRole('tab').evaluateAll((tabs) =>
		tabs.flatMap((tab) => {
			const title = tab.querySelector('[dir="auto"]');
			if (!title?.firstChild) return [];
			const range = document.createRange();
			range.selectNodeContents(title);
			const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
			const text = title.textContent?.trim() ?? '';
			return lines.size > 1 && !/\s/.test(text) ? [text] : [];
		})
	);
	expect(split, `${what}: tab titles broken inside the word`).toEqual([]);
}

async function checkPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	await snap(page, testInfo, name);
	await expectNoHorizontalOverflow(page, name);
}

for (const [size, viewport] of [
	['tablet', TABLET],
	['phone', PHONE]
] as const) {
	test(`screens at ${size} size (${viewport.width}×${viewport.height})`, async ({ browser }, testInfo) => {
		const contexts: BrowserContext[] = [];
		const newContext = async () => {
			const context = await browser.newContext({ viewport });
			contexts.push(context);
			return context;
		};

		const visitor = await (await newContext()).newPage();
		await visitor.goto('/');
		await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
			'Gemeinsam Herausforderungen und Lösungen sammeln'
		);
		await checkPage(visitor, testInfo, `${size}-home`);
		await visitor.goto('/join');
		await checkPage(visitor, testInfo, `${size}-join`);

		const page = await (await newContext()).newPage();
		await signUp(page);
		const meetingUrl = await createMeeting(page, 'Netzwerktreffen der Nachbarschaftsinitiativen Nord');
		const board = await createBoard(page, 'Was hält uns auf – und was hilft?');
		await expectOnline(page);

		await visitor.goto(`/join/${board.code}`);
		await checkPage(visitor, testInfo, `${size}-join-code`);

		await addCard(page, 'challenge', CHALLENGE);
		const solution = await addCard(page, 'solution', SOLUTION);
		await solution.getByRole('button', { name: 'Verknüpfen' }).click();
		const linkDialog = page.getByRole('dialog', { name: 'Mit Herausforderungen verknüpfen' });
		await linkDialog.getByRole('checkbox', { name: CHALLENGE }).check();
		await snap(page, testInfo, `${size}-link-dialog`, false);
		await linkDialog.getByRole('button', { name: 'Fertig' }).click();
		await expect(linkDialog).toBeHidden();

		const participant = await joinAsParticipant(browser, board.code, {
			via: 'link',
			name: 'Dilara Yılmaz-Schneider',
			organisation: 'Elternnetzwerk',
			viewport
		});
		contexts.push(participant.context);
		await addCard(participant.page, 'challenge', PARTICIPANT_CARD);
		await showColumn(page, 'challenge');
		await expect(page.getByRole('article', { name: PARTICIPANT_CARD })).toBeVisible();
		await expect(page.getByRole('button', { name: '2 Personen hier' })).toBeVisible();

		await checkPage(page, testInfo, `${size}-board-facilitator`);
		await expectTouchTargets(page, `${size} board (facilitator)`);
		await showColumn(participant.page, 'challenge');
		await checkPage(participant.page, testInfo, `${size}-board-participant`);
		await expectTouchTargets(participant.page, `${size} board (participant)`);
		if (size === 'phone') {
			await expectTabTitlesWhole(participant.page, `${size} board`);
			await showColumn(participant.page, 'solution');
			await checkPage(participant.page, testInfo, `${size}-board-participant-solutions`);
			await expectTouchTargets(participant.page, `${size} board, solutions tab (participant)`);
		}

		await page.getByRole('button', { name: /^Einladen/ }).click();
		const invite = page.getByRole('dialog', { name: 'Zum Board einladen' });
		await expect(invite).toBeVisible();
		await expect(invite.getByRole('img', { name: 'QR-Code mit dem Link zum Board' })).toBeVisible();
		const qr = invite.locator('svg');
		await expect(qr).toBeVisible();
		const qrBox = await qr.boundingBox();
		expect(qrBox?.width ?? 0, 'the QR code is big enough to scan from a few metres').toBeGreaterThan(150);
		await expect(invite).toContainText(board.code);
		await expect(invite.getByRole('link', { name: `/join/${board.code}` })).toBeVisible();
		await snap(page, testInfo, `${size}-invite-dialog`, false);
		await expectNoHorizontalOverflow(page, `${size} invite dialog`);
		await invite.getByRole('button', { name: 'Schließen' }).click();
		await expect(invite).toBeHidden();

		await page.goto(meetingUrl);
		await expect(page.getByRole('link', { name: 'Was hält uns auf – und was hilft?' })).toBeVisible();
		await checkPage(page, testInfo, `${size}-meeting`);
		await page.goto('/dashboard');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hallo Amira Haddad');
		await checkPage(page, testInfo, `${size}-dashboard`);
		// On a phone the facilitator's links wait in the header's menu; on a tablet they are in sight.
		const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
		if (size === 'phone') {
			await expect(nav.getByRole('link', { name: 'Suche' })).toBeHidden();
			await nav.getByRole('button', { name: 'Menü' }).click();
			await snap(page, testInfo, `${size}-nav-menu`, false);
			await nav.getByRole('menuitem', { name: 'Suche' }).click();
			await page.waitForURL((url) => url.pathname === '/search');
		} else {
			await expect(nav.getByRole('button', { name: 'Menü' })).toBeHidden();
			await nav.getByRole('link', { name: 'Suche' }).click();
			await page.waitForURL((url) => url.pathname === '/search');
		}

		await Promise.all(contexts.map((context) => context.close()));
	});
}

test('the pages speak English to an English browser', async ({ browser }, testInfo) => {
	const german = await browser.newContext({ viewport: PHONE });
	const setup = await german.newPage();
	await signUp(setup);
	const meetingUrl = await createMeeting(setup, 'Netzwerktreffen Süd');
	const board = await createBoard(setup, 'Ideensammlung');
	// The facilitator's session, without any remembered language: the browser's language decides.
	const state = await german.storageState();
	state.cookies = state.cookies.filter((cookie) => cookie.name !== 'wedo_locale');
	await german.close();

	const context = await browser.newContext({ viewport: PHONE, locale: 'en-US', storageState: state });
	const page = await context.newPage();
	const pages: { path: string; name: string; heading: RegExp | string }[] = [
		{ path: '/', name: 'home', heading: 'Collect challenges and solutions together' },
		{ path: '/join', name: 'join', heading: 'Take part' },
		{ path: '/dashboard', name: 'dashboard', heading: 'Hello Amira Haddad' },
		{ path: new URL(meetingUrl).pathname, name: 'meeting', heading: 'Edit meeting' },
		{ path: new URL(board.url).pathname, name: 'board', heading: 'Invite to the board' }
	];
	for (const { path, name, heading } of pages) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		if (name === 'meeting') {
			await expect(page.getByRole('heading', { name: heading })).toBeVisible();
			await expect(page.getByRole('heading', { name: 'New board' })).toBeVisible();
		} else if (name === 'board') {
			// The board's title is the facilitator's own text; the page around it is English.
			await expect(connectionIndicator(page)).toContainText('Connected');
			await expect(page.getByRole('button', { name: 'Add a challenge' })).toBeVisible();
			await page.getByRole('button', { name: /^Invite/ }).click();
			await expect(page.getByRole('dialog', { name: heading })).toBeVisible();
		} else {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		}
		await expect(page.getByRole('main')).not.toContainText(/Anmelden|Teilnehmen|Verbunden|Board anlegen/);
		await snap(page, testInfo, `english-${name}`, name !== 'board');
	}
	await context.close();
});
