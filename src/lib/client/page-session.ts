import { browser } from '$app/environment';
import type { BoardStatePayload } from '$lib/realtime/events';
import { renderedContent } from '$lib/rendered-content';
import { decodeBase64 } from './base64';
import { BoardSession, type Me } from './board-session.svelte';

/** A Yjs update that changes nothing: no structs, no deletions. */
const NO_CHANGES = new Uint8Array([0, 0]);

/**
 * The session of a page that carries the board's state (the board, the presenter
 * view). Created during the server's render too, so that the first paint shows the
 * cards; the server renders the content its load read from the live document
 * rather than building another Y.Doc from the state (see $lib/rendered-content).
 */
export function pageSession(
	data: { board: BoardStatePayload; me: Me; snapshot: string },
	options?: ConstructorParameters<typeof BoardSession>[4]
): BoardSession {
	const rendered = browser ? undefined : renderedContent(data.board.id, data.snapshot);
	const initial = rendered ? NO_CHANGES : decodeBase64(data.snapshot);
	const session = new BoardSession(data.board.id, data.me, initial, data.board, options);
	if (rendered) session.content = rendered;
	return session;
}
