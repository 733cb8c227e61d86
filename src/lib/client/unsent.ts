import * as Y from 'yjs';

/**
 * Which local changes the server does not hold yet: every struct whose clock is
 * beyond the server's state vector for its client. Work is proportional to the
 * unsent changes, not to the board.
 */
export function findUnsent(
	doc: Y.Doc,
	serverState: Map<number, number>,
	cards: object
): { any: boolean; cardIds: Set<string> } {
	const cardIds = new Set<string>();
	let any = false;
	for (const [client, structs] of doc.store.clients) {
		const held = serverState.get(client) ?? 0;
		const last = structs[structs.length - 1];
		if (!last || last.id.clock + last.length <= held) continue;
		any = true;
		for (let index = structs.length - 1; index >= 0; index--) {
			const struct = structs[index];
			if (struct.id.clock + struct.length <= held) break;
			if (struct instanceof Y.Item) {
				const cardId = owningCardId(struct, cards);
				if (cardId) cardIds.add(cardId);
			}
		}
	}
	return { any, cardIds };
}

function owningCardId(item: Y.Item, cards: object): string | null {
	let current: Y.Item | null = item;
	while (current) {
		const parent = current.parent as Y.AbstractType<unknown> | null;
		if (!parent) return null;
		if (parent === cards) return current.parentSub;
		current = parent._item;
	}
	return null;
}
