/**
 * The message catalogue as people meet it: every text in every language, none
 * left unused, the same placeholders everywhere, and a plural form for every
 * number a language distinguishes. A gap here would show a raw key on screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const settings = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.inlang/settings.json'), 'utf8')) as {
	baseLocale: string;
	locales: string[];
};

/** Keys the code reaches through a computed name (`m[name]`), which a search for `m.key` cannot see. */
const DYNAMIC_KEYS: readonly string[] = [];

/** Names and formats that read the same in every language. */
const SAME_IN_EVERY_LANGUAGE = new Set([
	'app_name',
	'export_markdown',
	'outcome_download_pdf',
	'outcome_download_docx'
]);

/** Words a language shares with German or English (Turkish "Menü"): not copies, the real word. */
const SAME_WORD: Record<string, Set<string>> = { tr: new Set(['nav_menu']) };

interface Variant {
	declarations: string[];
	selectors: string[];
	match: Record<string, string>;
}
type Message = string | [Variant];

function catalogue(locale: string): Record<string, Message> {
	const file = path.join(ROOT, 'messages', `${locale}.json`);
	const { $schema: _schema, ...messages } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
		string,
		Message
	>;
	return messages;
}

const catalogues = Object.fromEntries(settings.locales.map((locale) => [locale, catalogue(locale)]));
const base = catalogues[settings.baseLocale];
const keys = Object.keys(base);

/** The texts of a message: the string itself, or each variant. */
function patterns(message: Message): string[] {
	return typeof message === 'string' ? [message] : Object.values(message[0].match);
}

function references(text: string): string[] {
	return [...text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*\}/g)].map((match) => match[1]);
}

/** Locals a variant message declares, and the input each one is computed from. */
function locals(message: Message): Map<string, { input: string; fn: string }> {
	const result = new Map<string, { input: string; fn: string }>();
	if (typeof message === 'string') return result;
	for (const declaration of message[0].declarations) {
		const local = /^local (\w+) = (\w+): (\w+)/.exec(declaration);
		if (local) result.set(local[1], { input: local[2], fn: local[3] });
	}
	return result;
}

/** What a message needs from its caller: the inputs behind every placeholder. */
function inputs(message: Message): string[] {
	const declared = locals(message);
	const names = new Set<string>();
	if (typeof message !== 'string') {
		for (const declaration of message[0].declarations) {
			const input = /^input (\w+)$/.exec(declaration);
			if (input) names.add(input[1]);
		}
	}
	for (const text of patterns(message)) {
		for (const name of references(text)) names.add(declared.get(name)?.input ?? name);
	}
	return [...names].sort();
}

/** Every `m.key` in the code that imports the messages (Svelte, TypeScript, the server, scripts). */
function usedKeys(): Set<string> {
	const used = new Set<string>(DYNAMIC_KEYS);
	const visit = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== 'paraglide' && entry.name !== 'node_modules') visit(full);
			} else if (/\.(ts|js|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
				const source = fs.readFileSync(full, 'utf8');
				if (!source.includes('paraglide/messages')) continue;
				for (const match of source.matchAll(/\bm\.(\w+)/g)) used.add(match[1]);
			}
		}
	};
	for (const dir of ['src', 'server', 'scripts']) {
		if (fs.existsSync(path.join(ROOT, dir))) visit(path.join(ROOT, dir));
	}
	return used;
}

describe('the message catalogue', () => {
	it('has every language of the settings, German first', () => {
		expect(settings.baseLocale).toBe('de');
		expect(settings.locales).toEqual(expect.arrayContaining(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru']));
	});

	it.each(settings.locales)('%s has exactly the keys of the German catalogue', (locale) => {
		const own = Object.keys(catalogues[locale]);
		expect(
			keys.filter((key) => !own.includes(key)),
			`missing in messages/${locale}.json`
		).toEqual([]);
		expect(
			own.filter((key) => !keys.includes(key)),
			`in messages/${locale}.json but not in de.json`
		).toEqual([]);
	});

	it.each(settings.locales)('%s has no empty text', (locale) => {
		const empty = Object.entries(catalogues[locale])
			.filter(([, message]) => patterns(message).some((text) => text.trim() === ''))
			.map(([key]) => key);
		expect(empty).toEqual([]);
	});

	it.each(settings.locales.filter((locale) => locale !== 'de' && locale !== 'en'))(
		'%s is translated, not copied from German or English',
		(locale) => {
			const copied = keys.filter((key) => {
				if (SAME_IN_EVERY_LANGUAGE.has(key) || SAME_WORD[locale]?.has(key)) return false;
				const own = JSON.stringify(catalogues[locale][key]);
				return (
					/\p{L}{3}/u.test(own) &&
					(own === JSON.stringify(base[key]) || own === JSON.stringify(catalogues.en[key]))
				);
			});
			expect(copied).toEqual([]);
		}
	);

	it('uses every key in the code, and every key the code uses exists', () => {
		const used = usedKeys();
		expect(
			keys.filter((key) => !used.has(key)),
			'keys no code uses (list keys used dynamically in DYNAMIC_KEYS)'
		).toEqual([]);
		expect(DYNAMIC_KEYS.filter((key) => !keys.includes(key))).toEqual([]);
	});

	it.each(settings.locales)(
		'%s asks for the same placeholders as German, and declares each one',
		(locale) => {
			const differing: string[] = [];
			for (const key of keys) {
				const message = catalogues[locale][key];
				if (message === undefined) continue;
				if (JSON.stringify(inputs(message)) !== JSON.stringify(inputs(base[key]))) {
					differing.push(`${key}: ${inputs(message).join(',')} ≠ ${inputs(base[key]).join(',')}`);
				}
				if (typeof message !== 'string') {
					const declared = new Set([...locals(message).keys(), ...inputs(message)]);
					for (const name of patterns(message).flatMap(references)) {
						if (!declared.has(name)) differing.push(`${key}: {${name}} is not declared`);
					}
				}
			}
			expect(differing).toEqual([]);
		}
	);

	it.each(settings.locales)(
		'%s has a form for every plural category the language distinguishes, with the number in its digits',
		(locale) => {
			const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
			const problems: string[] = [];
			for (const [key, message] of Object.entries(catalogues[locale])) {
				if (typeof message === 'string') continue;
				const [variant] = message;
				for (const [local, { input, fn }] of locals(message)) {
					if (fn !== 'plural' || !variant.selectors.includes(local)) continue;
					const missing = categories.filter((category) => !(`${local}=${category}` in variant.match));
					if (missing.length > 0) problems.push(`${key}: no form for ${missing.join(', ')}`);
					// A raw {count} would show 1000 as "1000" instead of "1.000", and in Latin digits for Persian readers.
					if (patterns(message).some((text) => references(text).includes(input))) {
						problems.push(
							`${key}: {${input}} is not formatted; use a local "${input}Number = ${input}: number"`
						);
					}
				}
			}
			expect(problems).toEqual([]);
		}
	);
});
