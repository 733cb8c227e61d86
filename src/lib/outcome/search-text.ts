/**
 * Search folding, applied the same way to what is indexed and to what people
 * type. SQLite's `unicode61 remove_diacritics 2` tokenizer then folds case and
 * the remaining diacritics (é → e, ş → s). German transliterations come first,
 * because a German writes "Foerderung" for "Förderung" while the tokenizer alone
 * would make it "forderung", which is another word.
 */
const GERMAN = new Map([
	['ä', 'ae'],
	['ö', 'oe'],
	['ü', 'ue'],
	['ß', 'ss']
]);

/**
 * Letters that keyboards write in two ways: Arabic and Persian yeh and kaf,
 * Russian ё written as е. Arabic vowel marks and the joining stretch (tatweel) are
 * dropped, so text found as written is also found when written without them.
 */
const VARIANTS = new Map([
	['\u064A', '\u06CC'],
	['\u0649', '\u06CC'],
	['\u0643', '\u06A9'],
	['ё', 'е']
]);

export function foldForSearch(text: string): string {
	return text
		.normalize('NFC')
		.toLowerCase()
		.replace(/[äöüß]/g, (letter) => GERMAN.get(letter)!)
		.replace(/[\u064A\u0649\u0643ё]/g, (letter) => VARIANTS.get(letter)!)
		.replace(/\p{M}|\u0640/gu, (mark) => (isArabicMark(mark) ? '' : mark));
}

/** Arabic vowel marks (harakat, superscript alef) and the tatweel: written or not, the same word. */
function isArabicMark(character: string): boolean {
	const code = character.codePointAt(0)!;
	return code === 0x0640 || code === 0x0670 || (code >= 0x064b && code <= 0x065f);
}

const MAX_TERMS = 12;

/**
 * An FTS5 query for what someone typed: every word must occur, as the start of
 * a word ("förder" finds "Förderung"). Each word is quoted, so nothing typed is
 * read as FTS5 syntax. Null when the text holds no word at all.
 */
export function searchQuery(input: string): string | null {
	const words = foldForSearch(input).match(/[\p{L}\p{N}\p{M}]+/gu);
	if (!words) return null;
	return words
		.slice(0, MAX_TERMS)
		.map((word) => `"${word}"*`)
		.join(' ');
}
