import * as Y from 'yjs';
import type { Db } from './db/open';
import type { StoredUpdate } from './board-store';

/** A participant's drafts live in a document of their own, named like this on the Yjs channel. */
export const DRAFTS_MARKER = '~drafts~';

export function draftRoomName(boardId: string, participantId: string): string {
	return `${boardId}${DRAFTS_MARKER}${participantId}`;
}

/** The board and participant a drafts room name stands for; null for a board's own room name. */
export function parseDraftRoomName(name: string): { boardId: string; participantId: string } | null {
	const at = name.indexOf(DRAFTS_MARKER);
	if (at < 0) return null;
	return { boardId: name.slice(0, at), participantId: name.slice(at + DRAFTS_MARKER.length) };
}

/**
 * Storage of private writing's drafts: one small document per participant and
 * board, kept as a single merged update (drafts are a few cards, and are
 * cleared when the facilitator reveals them). Shaped like BoardStore so that a
 * BoardRoom holds drafts as it holds a board.
 */
export class DraftStore {
	private readonly select;
	private readonly upsert;
	private readonly selectParticipants;

	constructor(db: Db) {
		this.select = db.prepare('SELECT data FROM board_drafts WHERE board_id = ? AND participant_id = ?');
		this.upsert = db.prepare(
			`INSERT INTO board_drafts (board_id, participant_id, data, updated_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (board_id, participant_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`
		);
		this.selectParticipants = db.prepare('SELECT participant_id AS id FROM board_drafts WHERE board_id = ?');
	}

	/** Participants of a board who have (or had) drafts stored. */
	participants(boardId: string): string[] {
		return (this.selectParticipants.all(boardId) as Array<{ id: string }>).map((row) => row.id);
	}

	load(name: string, doc: Y.Doc): { updatesSinceSnapshot: number } {
		const stored = this.read(name);
		if (stored) Y.applyUpdate(doc, stored);
		return { updatesSinceSnapshot: 0 };
	}

	append(name: string, updates: StoredUpdate[]): void {
		const stored = this.read(name);
		const all = updates.map((update) => update.data);
		this.write(name, Y.mergeUpdates(stored ? [stored, ...all] : all));
	}

	compact(name: string, doc: Y.Doc): { folded: number } {
		this.write(name, Y.encodeStateAsUpdate(doc));
		return { folded: 0 };
	}

	/** Only the participant writes their drafts: there is no other identity to tell apart. */
	clientOwners(): Map<number, string> {
		return new Map();
	}

	bindClient(): void {}

	private read(name: string): Uint8Array | undefined {
		const key = parseDraftRoomName(name);
		if (!key) throw new Error(`not a drafts room: ${name}`);
		const row = this.select.get(key.boardId, key.participantId) as { data: Buffer } | undefined;
		return row && new Uint8Array(row.data);
	}

	private write(name: string, data: Uint8Array): void {
		const key = parseDraftRoomName(name)!;
		this.upsert.run(key.boardId, key.participantId, data, Date.now());
	}
}
