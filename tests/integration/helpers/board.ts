/** Edits made the way the UI makes them, through the board model. */
import type * as Y from 'yjs';
import { addCard } from '../../../src/lib/board/cards';
import { newId } from '../../../src/lib/board/ids';
import { readBoard } from '../../../src/lib/board/read';
import type { Card, ColumnKind } from '../../../src/lib/board/schema';

export interface Author {
	/** The participant id from join, or the facilitator's user id. */
	id: string;
	name: string | null;
}

/** A facilitator as the author of the cards they write. */
export function authorOf(facilitator: { user: { id: string; name: string } }): Author {
	return { id: facilitator.user.id, name: facilitator.user.name };
}

export function columnId(doc: Y.Doc, kind: ColumnKind): string {
	const column = readBoard(doc).columns.find((candidate) => candidate.kind === kind);
	if (!column) throw new Error(`no ${kind} column in the document`);
	return column.id;
}

/** Adds a card in the column of `kind`; returns its id. */
export function writeCard(doc: Y.Doc, author: Author, kind: ColumnKind, text: string): string {
	const id = newId();
	addCard(doc, {
		id,
		columnId: columnId(doc, kind),
		text,
		authorId: author.id,
		authorName: author.name,
		createdAt: Date.now()
	});
	return id;
}

export function findCard(doc: Y.Doc, id: string): Card | undefined {
	return readBoard(doc).cards.find((card) => card.id === id);
}

export function cardTexts(doc: Y.Doc): string[] {
	return readBoard(doc)
		.cards.map((card) => card.text)
		.sort();
}
