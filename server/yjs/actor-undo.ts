/**
 * Undoing everything one identity did on a board, e.g. after a facilitator
 * removed a disruptive participant. The board's stored history is replayed into
 * a document that keeps deleted content (gc off); the identity's updates are
 * applied under an origin that a Y.UndoManager tracks, everyone else's under
 * another. Undoing that manager's whole stack removes what the identity added
 * and restores what it deleted, while changes others made later stay. The
 * result is one Yjs update that the live room applies as a server change.
 */
import * as Y from 'yjs';
import type { StoredUpdate } from '../../src/lib/server/board-store';

const BY_ACTOR = Symbol('by-actor');
const BY_OTHERS = Symbol('by-others');

export interface ActorReversion {
	/** The change that undoes the identity's work; apply it to the live document. */
	update: Uint8Array;
	/** How many of the identity's stored updates were undone. */
	updates: number;
}

/** Null when the identity changed nothing, or nothing of what it did is left to undo. */
export function revertActor(history: readonly StoredUpdate[], actorId: string): ActorReversion | null {
	const doc = new Y.Doc({ gc: false });
	// Every change counts, whatever root it touches: the whole document is the scope.
	const undoManager = new Y.UndoManager(doc, { trackedOrigins: new Set([BY_ACTOR]) });
	let updates = 0;
	try {
		for (const entry of history) {
			const byActor = entry.actorId === actorId;
			if (byActor) updates++;
			// One stack entry per stored update, so that nothing merges across other people's changes.
			undoManager.stopCapturing();
			Y.applyUpdate(doc, entry.data, byActor ? BY_ACTOR : BY_OTHERS);
		}
		if (updates === 0) return null;
		const produced: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => produced.push(update));
		while (undoManager.canUndo()) undoManager.undo();
		if (produced.length === 0) return null;
		return { update: Y.mergeUpdates(produced), updates };
	} finally {
		undoManager.destroy();
		doc.destroy();
	}
}
