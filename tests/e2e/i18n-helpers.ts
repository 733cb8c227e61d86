/**
 * What the language and accessibility tests share: the message catalogue (so a
 * test reads what a person in that language reads), the way a person picks a
 * language, axe-core, and layout checks for cut-off or overlapping controls.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { expectOnline, snap } from './helpers';

export type Locale = 'de' | 'en' | 'ar' | 'fa' | 'tr' | 'uk' | 'ru';

type Variant = [{ match: Record<string, string> }];
const catalogues = new Map<string, Record<string, string | Variant>>();

function catalogue(locale: Locale): Record<string, string | Variant> {
	if (!catalogues.has(locale)) {
		const file = path.resolve('messages', `${locale}.json`);
		catalogues.set(locale, JSON.parse(fs.readFileSync(file, 'utf8')));
	}
	return catalogues.get(locale)!;
}

/** A message as the page shows it, with its placeholders filled in. */
export function t(locale: Locale, key: string, values: Record<string, string> = {}): string {
	const message = catalogue(locale)[key];
	if (typeof message !== 'string') throw new Error(`${key} is not a plain message in ${locale}`);
	return message.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** A plural message for `count`, with the number in the language's digits. */
export function plural(locale: Locale, key: string, count: number): string {
	const message = catalogue(locale)[key];
	if (typeof message === 'string') throw new Error(`${key} is not a plural message`);
	const category = new Intl.PluralRules(locale).select(count);
	return message[0].match[`countPlural=${category}`].replace(
		'{countNumber}',
		new Intl.NumberFormat(locale).format(count)
	);
}

export const RIGHT_TO_LEFT: readonly Locale[] = ['ar', 'fa'];

export function direction(locale: Locale): 'rtl' | 'ltr' {
	return RIGHT_TO_LEFT.includes(locale) ? 'rtl' : 'ltr';
}

export async function expectLanguage(page: Page, locale: Locale): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await expect(page.locator('html')).toHaveAttribute('dir', direction(locale));
}

/** Picks a language the way a person does: the globe in the header, then the language's own name. */
export async function chooseLanguage(page: Page, from: Locale, to: Locale, name: string): Promise<void> {
	await page.getByRole('navigation').getByText(t(from, 'language_switch_label')).locator('..').click();
	await page.getByRole('menuitemradio', { name, exact: true }).click();
	await expectLanguage(page, to);
}

/**
 * A participant's own browser: the language comes from the browser's settings
 * (Accept-Language), as on a first visit, unless `cookie` says it was chosen before.
 */
export async function participantContext(
	browser: Browser,
	locale: Locale,
	viewport: { width: number; height: number },
	options: { bypassCSP?: boolean } = {}
): Promise<BrowserContext> {
	return browser.newContext({ viewport, locale: locale === 'de' ? 'de-DE' : locale, ...options });
}

/** Joins a board by typing the code, with the texts of `locale`; leaves the device on the board. */
export async function joinInLanguage(page: Page, locale: Locale, code: string, name: string): Promise<void> {
	await page.goto('/join');
	await expectLanguage(page, locale);
	await page.getByLabel(t(locale, 'join_code_label'), { exact: true }).fill(code);
	await page.getByRole('button', { name: t(locale, 'join_continue'), exact: true }).click();
	await page.waitForURL(`**/join/${code}`);
	await expect(page.getByText(t(locale, 'join_you_are_joining'))).toBeVisible();
	await page.getByLabel(t(locale, 'join_name_label')).fill(name);
	await page.getByRole('button', { name: t(locale, 'join_submit'), exact: true }).click();
	await page.waitForURL(/\/boards\/[^/]+$/);
}

export async function expectOnlineIn(page: Page, locale: Locale): Promise<void> {
	if (locale === 'de') return expectOnline(page);
	await expect(page.locator('.board-header').getByRole('status')).toContainText(
		t(locale, 'connection_online'),
		{
			timeout: 15_000
		}
	);
}

/** The "how it works" panel opens by itself on a participant's first board; "let's start" closes it. */
export async function dismissHelp(page: Page, locale: Locale): Promise<void> {
	const help = page.getByRole('region', { name: t(locale, 'help_title') });
	await expect(help).toBeVisible();
	await help.getByRole('button', { name: t(locale, 'help_start') }).click();
	await expect(help).toBeHidden();
}

const require = createRequire(import.meta.url);

/**
 * axe-core, injected from the installed package, on the page as it is now; only serious and
 * critical count. The page's strict Content-Security-Policy refuses injected scripts, so the
 * context must be made with `bypassCSP: true`.
 */
export async function expectNoSeriousAxeViolations(page: Page, what: string): Promise<void> {
	await page.addScriptTag({ path: require.resolve('axe-core') });
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }
		).axe;
		interface AxeResult {
			violations: Array<{
				id: string;
				impact: string | null;
				help: string;
				nodes: Array<{ target: unknown[]; failureSummary?: string }>;
			}>;
		}
		const result = await axe.run(document, {
			runOnly: {
				type: 'tag',
				values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
			}
		});
		return result.violations
			.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
			.map((violation) => ({
				id: violation.id,
				impact: violation.impact,
				help: violation.help,
				nodes: violation.nodes
					.slice(0, 5)
					.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
			}));
	});
	expect(violations, `${what}: axe-core found\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/**
 * No control is cut off at the edge of the screen or lies over another one: people
 * must see and reach every button, in both reading directions.
 */
export async function expectControlsWhole(page: Page, what: string): Promise<void> {
	const problems = await page.evaluate(() => {
		const selector = 'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="tab"]';
		const width = document.documentElement.clientWidth;
		const controls = [...document.querySelectorAll<HTMLElement>(selector)]
			.map((element) => ({ element, rect: element.getBoundingClientRect() }))
			.filter(({ element, rect }) => {
				const offPage = rect.bottom + window.scrollY <= 0; // the skip link, until it is focused
				// Not rendered: in a closed menu (<details>), a closed dialog or hidden.
				const shown = element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
				return rect.width > 0 && rect.height > 0 && shown && !offPage;
			});
		const name = (element: HTMLElement) =>
			`${element.tagName.toLowerCase()} "${(element.innerText || element.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
		const found: string[] = [];
		for (const { element, rect } of controls) {
			if (rect.left < -1 || rect.right > width + 1) {
				found.push(
					`${name(element)} is cut off (${Math.round(rect.left)}–${Math.round(rect.right)} of ${width})`
				);
			}
		}
		for (let i = 0; i < controls.length; i++) {
			for (let j = i + 1; j < controls.length; j++) {
				const a = controls[i];
				const b = controls[j];
				if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
				const overlapX = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
				const overlapY = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
				if (overlapX > 2 && overlapY > 2) found.push(`${name(a.element)} overlaps ${name(b.element)}`);
			}
		}
		return found;
	});
	expect(problems, `${what}:\n${problems.join('\n')}`).toEqual([]);
}

/** A screenshot for people to look at (attached to the report), after the layout checks. */
export async function snapWhole(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	await expectControlsWhole(page, name);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0);
	await snap(page, testInfo, name);
}
