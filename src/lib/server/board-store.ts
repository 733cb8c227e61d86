import * as Y from 'yjs';
import type { Db } from './db/open';

/**
 * Durable storage of board documents: an append-only log of accepted updates,
 * each with who sent it, plus one snapshot per board for fast loading. The log
 * starts with one entry holding a whole document (the board's initial one) and
 * is not shortened while the board is in use: compaction writes a new snapshot
 * and marks the rows it holds as folded (the snapshot's `last_seq`), so that a
 * participant's changes can still be undone later. Only a finished board's log
 * is collapsed, after a grace period, into one entry holding its document
 * (`collapseIdleLog`, run by server/yjs/log-compaction.ts).
 */

/**
 * A finished board (its outcome stored) whose row and log are unchanged since
 * `@before`, with a log of more than one entry. Finishing sets `updated_at`; the
 * newest entry of the log says when the content last changed.
 */
const IDLE_FINISHED = `FROM boards b JOIN board_snapshots s ON s.board_id = b.id
	WHERE b.finished = 1 AND b.updated_at <= @before
	  AND EXISTS (SELECT 1 FROM outcomes o WHERE o.board_id = b.id)
	  AND (SELECT created_at FROM board_updates u WHERE u.board_id = b.id ORDER BY seq DESC LIMIT 1) <= @before
	  AND (SELECT COUNT(*) FROM (SELECT 1 FROM board_updates u
	       WHERE u.board_id = b.id AND u.seq >= s.log_start LIMIT 2)) = 2`;

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
	private readonly startLogAt;
	private readonly countLog;
	private readonly deleteBefore;
	private readonly deleteBeforeLogStarts;
	private readonly selectIdleFinished;
	private readonly isIdleFinished;
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
		this.startLogAt = db.prepare(
			`INSERT INTO board_snapshots (board_id, data, last_seq, log_start, created_at) VALUES (@boardId, @state, @seq, @seq, @now)
			 ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, last_seq = excluded.last_seq,
			   log_start = excluded.log_start, created_at = excluded.created_at`
		);
		this.countLog = db.prepare(
			`SELECT COUNT(*) AS n FROM board_updates
			 WHERE board_id = @boardId AND seq >= (SELECT log_start FROM board_snapshots WHERE board_id = @boardId)`
		);
		this.deleteBefore = db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq < ?');
		this.deleteBeforeLogStarts = db.prepare(
			`DELETE FROM board_updates WHERE seq IN (
			   SELECT u.seq FROM board_snapshots s
			   JOIN board_updates u ON u.board_id = s.board_id AND u.seq < s.log_start
			   LIMIT ?)`
		);
		this.selectIdleFinished = db.prepare(
			`SELECT b.id ${IDLE_FINISHED} AND b.id > @afterId ORDER BY b.id LIMIT @limit`
		);
		this.isIdleFinished = db.prepare(`SELECT 1 ${IDLE_FINISHED} AND b.id = @boardId`);
		this.selectHistory = db.prepare(
			`SELECT data, actor_id AS actorId FROM board_updates
			 WHERE board_id = @boardId
			   AND seq >= COALESCE((SELECT log_start FROM board_snapshots WHERE board_id = @boardId), 0)
			 ORDER BY seq`
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
		this.db.transaction(() => this.startLog(boardId, initial))();
	}

	/**
	 * Replaces the board's whole log by one entry holding `doc` as it is now, which
	 * also becomes the snapshot: for boards past their retention date, whose earlier
	 * states (with people's names in them) must not survive, not even for undo.
	 */
	replaceHistory(boardId: string, doc: Y.Doc): void {
		const state = Y.encodeStateAsUpdate(doc);
		this.db.transaction(() => this.deleteBefore.run(boardId, this.startLog(boardId, state)))();
	}

	/**
	 * Replaces the log of a board finished and untouched since `before` (checked
	 * again here; that no room has it open is the caller's to check) by one entry
	 * holding its stored document (snapshot plus later entries), in one transaction:
	 * a crash leaves either the old log or the new one. Undo then knows nobody's
	 * earlier changes. The old rows stay on disk, outside the log, until
	 * `deleteReplaced`. Answers how many entries the log held (0: the board does not
	 * qualify, or its log holds one already).
	 */
	collapseIdleLog(boardId: string, before: number): number {
		return this.db
			.transaction(() => {
				if (!this.isIdleFinished.get({ boardId, before })) return 0;
				const entries = (this.countLog.get({ boardId }) as { n: number }).n;
				const snapshot = this.selectSnapshot.get(boardId) as { data: Buffer; lastSeq: number };
				const later = this.selectUpdatesAfter.all(boardId, snapshot.lastSeq) as Array<{ data: Buffer }>;
				// Usually nothing is logged after the snapshot: a room writes one when it unloads.
				this.startLog(boardId, later.length === 0 ? snapshot.data : this.storedState(boardId));
				return entries;
			})
			.immediate();
	}

	/**
	 * Deletes up to `limit` rows that collapsed logs left behind (any board), in one
	 * short transaction; answers how many. Nothing reads them any more.
	 */
	deleteReplaced(limit: number): number {
		return this.deleteBeforeLogStarts.run(limit).changes;
	}

	/**
	 * Hands up to `pages` free pages back to the file system when the database was
	 * created with incremental auto-vacuum. Without it (the default) SQLite keeps
	 * them and reuses them for new rows; only a VACUUM, which rewrites the whole
	 * file, would shrink it. Answers whether the database reclaims incrementally.
	 */
	reclaimFreePages(pages: number): boolean {
		const incremental = this.db.pragma('auto_vacuum', { simple: true }) === 2;
		if (incremental) this.db.pragma(`incremental_vacuum(${pages})`);
		return incremental;
	}

	/**
	 * Finished boards (an outcome stored) whose board row and log are unchanged
	 * since `before` and whose log holds more than one entry, by id after `afterId`.
	 */
	idleFinishedBoards(before: number, afterId: string, limit: number): string[] {
		const rows = this.selectIdleFinished.all({ before, afterId, limit }) as Array<{ id: string }>;
		return rows.map((row) => row.id);
	}

	/** Makes `state` (a whole document) the first entry of the board's log and its snapshot; answers its seq. */
	private startLog(boardId: string, state: Uint8Array): number {
		const now = Date.now();
		const seq = Number(this.insertUpdate.run(boardId, state, null, now).lastInsertRowid);
		this.startLogAt.run({ boardId, state, seq, now });
		return seq;
	}

	private storedState(boardId: string): Uint8Array {
		const doc = new Y.Doc();
		try {
			this.load(boardId, doc);
			return Y.encodeStateAsUpdate(doc);
		} finally {
			doc.destroy();
		}
	}

	/**
	 * Every update stored for the board since its log started, oldest first, with
	 * its sender: replayed in order they rebuild the document including everything
	 * deleted since (before a collapse, since the board was created).
	 */
	history(boardId: string): StoredUpdate[] {
		const rows = this.selectHistory.all({ boardId }) as Array<{ data: Buffer; actorId: string | null }>;
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
