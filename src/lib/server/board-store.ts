import * as Y from 'yjs';
import type { Db } from './db/open';

/**
 * Durable storage of board documents: an append-only log of accepted updates,
 * each with who sent it, plus one snapshot per board for fast loading. The log
 * starts with the board's initial document and is never shortened: compaction
 * writes a new snapshot and marks the rows it holds as folded (the snapshot's
 * `last_seq`), so that a participant's changes can still be undone later.
 */
export interface StoredUpdate {
	data: Uint8Array;
	actorId: string | null;
}

export class BoardStore {
	private readonly insertUpdate;
	private readonly selectSnapshot;
	private readonly selectUpdatesAfter;
	private readonly countUpdatesAfter;
	private readonly upsertSnapshot;
	private readonly selectHistory;
	private readonly appendMany;
	private readonly insertClient;
	private readonly selectClients;

	constructor(private readonly db: Db) {
		this.insertUpdate = db.prepare(
			'INSERT INTO board_updates (board_id, data, actor_id, created_at) VALUES (?, ?, ?, ?)'
		);
		this.selectSnapshot = db.prepare(
			'SELECT data, last_seq AS lastSeq FROM board_snapshots WHERE board_id = ?'
		);
		this.selectUpdatesAfter = db.prepare(
			'SELECT seq, data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq'
		);
		this.countUpdatesAfter = db.prepare(
			'SELECT COUNT(*) AS n, MAX(seq) AS maxSeq FROM board_updates WHERE board_id = ? AND seq > ?'
		);
		this.upsertSnapshot = db.prepare(
			`INSERT INTO board_snapshots (board_id, data, last_seq, created_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, last_seq = excluded.last_seq,
			   created_at = excluded.created_at`
		);
		this.selectHistory = db.prepare(
			'SELECT data, actor_id AS actorId FROM board_updates WHERE board_id = ? ORDER BY seq'
		);
		this.insertClient = db.prepare(
			'INSERT OR IGNORE INTO board_clients (board_id, client_id, actor_id) VALUES (?, ?, ?)'
		);
		this.selectClients = db.prepare(
			'SELECT client_id AS clientId, actor_id AS actorId FROM board_clients WHERE board_id = ?'
		);
		this.appendMany = db.transaction((boardId: string, updates: StoredUpdate[], now: number) => {
			for (const update of updates) this.insertUpdate.run(boardId, update.data, update.actorId, now);
		});
	}

	/** Appends accepted updates in one transaction; returns once they are on disk (WAL). */
	append(boardId: string, updates: StoredUpdate[]): void {
		this.appendMany(boardId, updates, Date.now());
	}

	/**
	 * Yjs client ids belong to the identity that first wrote with them, for good:
	 * another identity reusing one could shadow its owner's future edits.
	 */
	bindClient(boardId: string, clientId: number, actorId: string): void {
		this.insertClient.run(boardId, clientId, actorId);
	}

	clientOwners(boardId: string): Map<number, string> {
		const rows = this.selectClients.all(boardId) as Array<{ clientId: number; actorId: string }>;
		return new Map(rows.map((row) => [row.clientId, row.actorId]));
	}

	/** Rebuilds a board's document from its snapshot and every update logged after it. */
	load(boardId: string, doc: Y.Doc): { updatesSinceSnapshot: number } {
		const snapshot = this.selectSnapshot.get(boardId) as { data: Buffer; lastSeq: number } | undefined;
		const rows = this.selectUpdatesAfter.all(boardId, snapshot?.lastSeq ?? 0) as Array<{ data: Buffer }>;
		doc.transact(() => {
			if (snapshot) Y.applyUpdate(doc, snapshot.data);
			for (const row of rows) Y.applyUpdate(doc, row.data);
		});
		return { updatesSinceSnapshot: rows.length };
	}

	/** Stores a new board's initial document as the first entry of its log and as its first snapshot. */
	createInitial(boardId: string, doc: Y.Doc): void {
		const initial = Y.encodeStateAsUpdate(doc);
		this.db.transaction(() => {
			const now = Date.now();
			const { lastInsertRowid } = this.insertUpdate.run(boardId, initial, null, now);
			this.upsertSnapshot.run(boardId, initial, Number(lastInsertRowid), now);
		})();
	}

	/**
	 * Replaces the board's whole log by one entry holding `doc` as it is now, which
	 * also becomes the snapshot: for boards past their retention date, whose earlier
	 * states (with people's names in them) must not survive, not even for undo.
	 */
	replaceHistory(boardId: string, doc: Y.Doc): void {
		const state = Y.encodeStateAsUpdate(doc);
		this.db.transaction(() => {
			const now = Date.now();
			this.db.prepare('DELETE FROM board_updates WHERE board_id = ?').run(boardId);
			const { lastInsertRowid } = this.insertUpdate.run(boardId, state, null, now);
			this.upsertSnapshot.run(boardId, state, Number(lastInsertRowid), now);
		})();
	}

	/**
	 * Every update ever stored for the board, oldest first, with its sender:
	 * replayed in order they rebuild the document including everything deleted since.
	 */
	history(boardId: string): StoredUpdate[] {
		const rows = this.selectHistory.all(boardId) as Array<{ data: Buffer; actorId: string | null }>;
		return rows.map((row) => ({ data: new Uint8Array(row.data), actorId: row.actorId }));
	}

	/**
	 * Folds the log into a snapshot of `doc`, which must hold every logged update
	 * (the live document: appends happen synchronously with applying, so it always does).
	 * Encoding the document rather than merging raw updates lets Yjs drop deleted
	 * content from the snapshot; the log rows stay, marked folded, for undo.
	 */
	compact(boardId: string, doc: Y.Doc): { folded: number } {
		return this.db.transaction(() => {
			const snapshot = this.selectSnapshot.get(boardId) as { lastSeq: number } | undefined;
			const lastSeq = snapshot?.lastSeq ?? 0;
			const { n, maxSeq } = this.countUpdatesAfter.get(boardId, lastSeq) as {
				n: number;
				maxSeq: number | null;
			};
			if (n === 0 || maxSeq === null) return { folded: 0 };
			this.upsertSnapshot.run(boardId, Y.encodeStateAsUpdate(doc), maxSeq, Date.now());
			return { folded: n };
		})();
	}

	updatesSinceSnapshot(boardId: string): number {
		const snapshot = this.selectSnapshot.get(boardId) as { lastSeq: number } | undefined;
		return (this.countUpdatesAfter.get(boardId, snapshot?.lastSeq ?? 0) as { n: number }).n;
	}
}
