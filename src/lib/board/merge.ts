/**
 * Merging duplicate cards: a facilitator's decision, carried out on the server
 * as one change to the live document (votes move apart, in the database).
 */
import * as Y from 'yjs';
import { applyTextChange } from './cards';
import { columnKindOfCard } from './read';
import { cardsOf, linkId, linksOf, LIMITS } from './schema';

export interface MergeInput {
	keepId: string;
	mergeIds: readonly string[];
	/** The longest text the kept card may end up with. */
	maxTextLength?: number;
}

export type MergeRefusal = 'not_found' | 'different_kind' | 'invalid';
export type MergeResult = { ok: true } | { ok: false; reason: MergeRefusal };

/** Texts that differ only in case, spacing or accents are the same text: it is not appended twice. */
function sameText(a: string, b: string): boolean {
	const fold = (text: string) =>
		text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
	return fold(a) === fold(b);
}

/** Joins texts with a blank line, each distinct text once, cut at the limit without splitting a character. */
export function mergedText(
	kept: string,
	others: readonly string[],
	maxLength: number = LIMITS.cardText
): string {
	const parts = [kept.trim()];
	for (const other of others) {
		const text = other.trim();
		if (text !== '' && !parts.some((part) => sameText(part, text))) parts.push(text);
	}
	const joined = parts.filter((part) => part !== '').join('\n\n');
	if (joined.length <= maxLength) return joined;
	const cut = joined.slice(0, maxLength);
	const last = cut.charCodeAt(cut.length - 1);
	return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * Merges `mergeIds` into `keepId`: the kept card gets their texts (each distinct
 * text once, in the order given), their links (no duplicates, none to itself)
 * and their place in recommendations' sources; the merged cards are deleted.
 * All cards must be in columns of the same kind. Changes nothing when refused.
 */
export function mergeCards(doc: Y.Doc, input: MergeInput): MergeResult {
	const cards = cardsOf(doc);
	const mergeIds = [...new Set(input.mergeIds)];
	if (mergeIds.length === 0 || mergeIds.includes(input.keepId)) return { ok: false, reason: 'invalid' };
	const kept = cards.get(input.keepId);
	if (!kept || mergeIds.some((id) => !cards.has(id))) return { ok: false, reason: 'not_found' };
	const kind = columnKindOfCard(doc, input.keepId);
	if (mergeIds.some((id) => columnKindOfCard(doc, id) !== kind))
		return { ok: false, reason: 'different_kind' };

	const merging = new Set(mergeIds);
	doc.transact(() => {
		const keptText = kept.get('text');
		const texts = mergeIds.map((id) => String(cards.get(id)!.get('text') ?? ''));
		if (keptText instanceof Y.Text) {
			applyTextChange(keptText, mergedText(keptText.toString(), texts, input.maxTextLength));
		}
		moveLinks(doc, input.keepId, merging);
		replaceSources(doc, input.keepId, merging);
		for (const id of mergeIds) cards.delete(id);
	});
	return { ok: true };
}

function moveLinks(doc: Y.Doc, keepId: string, merging: ReadonlySet<string>): void {
	const links = linksOf(doc);
	for (const [id, link] of [...links.entries()]) {
		const solutionId = link.get('solutionId') as string;
		const challengeId = link.get('challengeId') as string;
		if (!merging.has(solutionId) && !merging.has(challengeId)) continue;
		const authorId = link.get('authorId');
		const createdAt = link.get('createdAt');
		links.delete(id);
		const nextSolution = merging.has(solutionId) ? keepId : solutionId;
		const nextChallenge = merging.has(challengeId) ? keepId : challengeId;
		const nextId = linkId(nextSolution, nextChallenge);
		if (nextSolution === nextChallenge || links.has(nextId)) continue;
		const moved = new Y.Map<unknown>();
		moved.set('id', nextId);
		moved.set('solutionId', nextSolution);
		moved.set('challengeId', nextChallenge);
		moved.set('authorId', authorId);
		moved.set('createdAt', createdAt);
		links.set(nextId, moved);
	}
}

function replaceSources(doc: Y.Doc, keepId: string, merging: ReadonlySet<string>): void {
	for (const card of cardsOf(doc).values()) {
		const sources = card.get('sources');
		if (!Array.isArray(sources) || !sources.some((id) => merging.has(id))) continue;
		const next = [...new Set(sources.map((id: string) => (merging.has(id) ? keepId : id)))];
		card.set('sources', next);
	}
}
