/**
 * A board's content, handed from the board page's server load to the server's
 * render of the same request. The page carries the document's state, from which
 * the browser builds its Y.Doc; the server reads the content from the document it
 * already holds instead of decoding that state into another Y.Doc for every
 * render (about 12 MB and 25–50 ms at 1,000 cards). Matched by the state the page
 * carries, so the server never renders other content than the browser hydrates from.
 */
import type { BoardContent } from './board/schema';

/** Boards whose latest content is kept: a render follows its load at once. */
const BOARDS_KEPT = 8;
const latest = new Map<string, { state: string; content: BoardContent }>();

/** Called by the load with the state it puts in the page. */
export function keepRenderedContent(boardId: string, state: string, content: BoardContent): void {
	latest.delete(boardId);
	latest.set(boardId, { state, content });
	if (latest.size > BOARDS_KEPT) latest.delete(latest.keys().next().value!);
}

/** The content for a render of `state`; undefined when a newer load of the board replaced it. */
export function renderedContent(boardId: string, state: string): BoardContent | undefined {
	const kept = latest.get(boardId);
	return kept?.state === state ? kept.content : undefined;
}
