/**
 * A person's own words that the server refused (close code 4422, e.g. cards written
 * offline during collecting that arrive after the facilitator moved on). The device
 * must then drop its copy and reload the server's; what the person wrote is kept in
 * local storage across that reload and offered back (RefusedWorkNotice).
 */
import type { Card } from '$lib/board/schema';

/** One of the person's cards as it stood on their device when the server refused its changes. */
export interface KeptCard {
	id: string;
	columnId: string;
	text: string;
	createdAt: number;
}

/** Only what can be read back in a usable shape: anything else in storage is ignored. */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storageKey(boardId: string, authorId: string): string {
	// Per person too: on a shared device the next participant must not see someone else's words.
	return `wedo-board:refused:${boardId}:${authorId}`;
}

/**
 * The person's own cards with changes the server does not hold (`unsentIds`, see
 * findUnsent): all that a refusal can cost them. Empty cards cost nothing.
 */
export function cardsAtRisk(
	cards: readonly Card[],
	unsentIds: ReadonlySet<string>,
	authorId: string
): KeptCard[] {
	return cards
		.filter((card) => unsentIds.has(card.id) && card.authorId === authorId && card.text.trim() !== '')
		.map(({ id, columnId, text, createdAt }) => ({ id, columnId, text, createdAt }));
}

/**
 * Which kept cards the server's document lacks, or holds with other text: the words
 * the refusal would have lost. A card the server holds as written needs nothing.
 */
export function missingFromServer(kept: readonly KeptCard[], serverCards: readonly Card[]): KeptCard[] {
	const serverTexts = new Map(serverCards.map((card) => [card.id, card.text]));
	return kept.filter((card) => serverTexts.get(card.id) !== card.text);
}

/** Adds cards at risk to those kept from earlier refusals; a card's latest text wins. */
export function keepRefusedCards(
	boardId: string,
	authorId: string,
	cards: readonly KeptCard[],
	store: Store = localStorage
): void {
	const ids = new Set(cards.map((card) => card.id));
	const earlier = readKeptCards(boardId, authorId, store).filter((card) => !ids.has(card.id));
	writeKeptCards(boardId, authorId, [...earlier, ...cards], store);
}

export function readKeptCards(boardId: string, authorId: string, store: Store = localStorage): KeptCard[] {
	try {
		const parsed: unknown = JSON.parse(store.getItem(storageKey(boardId, authorId)) ?? '[]');
		return Array.isArray(parsed) ? parsed.filter(isKeptCard) : [];
	} catch {
		return [];
	}
}

export function writeKeptCards(
	boardId: string,
	authorId: string,
	cards: readonly KeptCard[],
	store: Store = localStorage
): void {
	const key = storageKey(boardId, authorId);
	try {
		if (cards.length === 0) store.removeItem(key);
		else store.setItem(key, JSON.stringify(cards));
	} catch {
		// Storage full or switched off (private browsing): the notice cannot outlive this page.
	}
}

function isKeptCard(value: unknown): value is KeptCard {
	if (typeof value !== 'object' || value === null) return false;
	const card = value as Record<string, unknown>;
	return (
		typeof card.id === 'string' &&
		typeof card.columnId === 'string' &&
		typeof card.text === 'string' &&
		typeof card.createdAt === 'number'
	);
}
