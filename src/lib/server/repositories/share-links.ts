/**
 * Links the owner of a board hands out: a co-facilitator link (a signed-in user
 * who opens it facilitates the board too) and a viewer link (a device that opens
 * it may watch the board, e.g. the projector). Only a hash of each token is
 * stored; revoking a link takes back what it granted, at once.
 */
import type { Db } from '../db/open';
import { newId } from '../../board/ids';
import { generateToken, hashToken } from '../auth/tokens';

export type ShareKind = 'cofacilitator' | 'viewer';

export interface ShareLink {
	id: string;
	boardId: string;
	kind: ShareKind;
	createdAt: number;
}

export interface ShareLinkSummary extends ShareLink {
	/** Names of the co-facilitators the link admitted (empty for viewer links). */
	cofacilitators: string[];
	/** Devices the link admitted as viewers. */
	viewers: number;
}

/** A board another facilitator owns that the user co-facilitates, as their dashboard lists it. */
export interface SharedBoard {
	id: string;
	title: string;
	finished: boolean;
	meetingTitle: string;
	meetingStartsAt: number | null;
	/** The meeting's own zone; null for meetings from before zones were kept (see meetingTimeZone). */
	meetingTimeZone: string | null;
	ownerName: string;
	/** The newest outcome version; null for a board that was never finished. */
	latestOutcomeId: string | null;
}

const ACTIVE = 'revoked_at IS NULL';

/** Makes a link; the token is returned once and never stored. */
export function create(db: Db, boardId: string, kind: ShareKind): { link: ShareLink; token: string } {
	const token = generateToken();
	const link: ShareLink = { id: newId(), boardId, kind, createdAt: Date.now() };
	db.prepare(
		'INSERT INTO board_share_links (id, board_id, kind, token_hash, created_at) VALUES (?, ?, ?, ?, ?)'
	).run(link.id, boardId, kind, hashToken(token), link.createdAt);
	return { link, token };
}

/** The active link behind a token, if any. */
export function readActiveByToken(db: Db, token: string, kind: ShareKind): ShareLink | undefined {
	return db
		.prepare(
			`SELECT id, board_id AS boardId, kind, created_at AS createdAt FROM board_share_links
			 WHERE token_hash = ? AND kind = ? AND ${ACTIVE}`
		)
		.get(hashToken(token), kind) as ShareLink | undefined;
}

export function listActive(db: Db, boardId: string): ShareLinkSummary[] {
	const links = db
		.prepare(
			`SELECT id, board_id AS boardId, kind, created_at AS createdAt FROM board_share_links
			 WHERE board_id = ? AND ${ACTIVE} ORDER BY created_at`
		)
		.all(boardId) as ShareLink[];
	const names = db.prepare(
		`SELECT users.name FROM board_cofacilitators JOIN users ON users.id = board_cofacilitators.user_id
		 WHERE link_id = ? ORDER BY added_at`
	);
	const viewers = db.prepare('SELECT COUNT(*) AS n FROM board_viewers WHERE link_id = ?');
	return links.map((link) => ({
		...link,
		cofacilitators: (names.all(link.id) as Array<{ name: string }>).map((row) => row.name),
		viewers: (viewers.get(link.id) as { n: number }).n
	}));
}

/**
 * Revokes an active link of the board; answers the actor ids it had admitted
 * (user ids, viewer ids) so their live connections can be closed, or null when
 * there is no such active link.
 */
export function revoke(db: Db, boardId: string, linkId: string): string[] | null {
	return db.transaction(() => {
		const result = db
			.prepare(`UPDATE board_share_links SET revoked_at = ? WHERE id = ? AND board_id = ? AND ${ACTIVE}`)
			.run(Date.now(), linkId, boardId);
		if (result.changes === 0) return null;
		const users = db.prepare('SELECT user_id AS id FROM board_cofacilitators WHERE link_id = ?').all(linkId);
		const devices = db.prepare('SELECT id FROM board_viewers WHERE link_id = ?').all(linkId);
		return [...users, ...devices].map((row) => (row as { id: string }).id);
	})();
}

export function addCofacilitator(db: Db, link: ShareLink, userId: string): void {
	db.prepare(
		`INSERT INTO board_cofacilitators (board_id, user_id, link_id, added_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (board_id, user_id) DO UPDATE SET link_id = excluded.link_id, added_at = excluded.added_at`
	).run(link.boardId, userId, link.id, Date.now());
}

/** Admits a device as a viewer of the link's board; answers the viewer's id (its actor id). */
export function addViewer(db: Db, link: ShareLink, deviceHash: string): string {
	const row = db
		.prepare(
			`INSERT INTO board_viewers (id, board_id, device_hash, link_id, added_at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (board_id, device_hash) DO UPDATE SET link_id = excluded.link_id, added_at = excluded.added_at
			 RETURNING id`
		)
		.get(newId(), link.boardId, deviceHash, link.id, Date.now()) as { id: string };
	return row.id;
}

/** Whether the user co-facilitates the board through a link that still stands. */
export function isCofacilitator(db: Db, userId: string, boardId: string): boolean {
	return (
		db
			.prepare(
				`SELECT 1 FROM board_cofacilitators JOIN board_share_links ON board_share_links.id = link_id
				 WHERE board_cofacilitators.board_id = ? AND user_id = ? AND ${ACTIVE}`
			)
			.get(boardId, userId) !== undefined
	);
}

/**
 * The boards the user co-facilitates through a link that still stands, so they
 * can find them again without the link: latest meetings first, as the dashboard orders its own.
 */
export function listSharedWith(db: Db, userId: string): SharedBoard[] {
	const rows = db
		.prepare(
			`SELECT boards.id, boards.title, boards.finished, meetings.title AS meetingTitle,
			   meetings.starts_at AS meetingStartsAt, meetings.time_zone AS meetingTimeZone, users.name AS ownerName,
			   (SELECT outcomes.id FROM outcomes WHERE outcomes.board_id = boards.id
			    ORDER BY outcomes.version DESC LIMIT 1) AS latestOutcomeId
			 FROM board_cofacilitators
			 JOIN board_share_links ON board_share_links.id = board_cofacilitators.link_id
			 JOIN boards ON boards.id = board_cofacilitators.board_id
			 JOIN meetings ON meetings.id = boards.meeting_id
			 JOIN users ON users.id = meetings.owner_id
			 WHERE board_cofacilitators.user_id = ? AND ${ACTIVE}
			 ORDER BY COALESCE(meetings.starts_at, meetings.created_at) DESC, boards.created_at`
		)
		.all(userId) as Array<Omit<SharedBoard, 'finished'> & { finished: number }>;
	return rows.map((row) => ({ ...row, finished: row.finished === 1 }));
}

/** The viewer id of a device admitted to the board through a link that still stands. */
export function viewerOn(db: Db, deviceHash: string, boardId: string): string | undefined {
	const row = db
		.prepare(
			`SELECT board_viewers.id FROM board_viewers JOIN board_share_links ON board_share_links.id = link_id
			 WHERE board_viewers.board_id = ? AND device_hash = ? AND ${ACTIVE}`
		)
		.get(boardId, deviceHash) as { id: string } | undefined;
	return row?.id;
}
