/**
 * The update log of a finished board, untouched for LOG_RETENTION_DAYS (0 here), is
 * replaced by one row holding its document; the board reads the same and keeps
 * working when it is reopened.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardText } from '../../src/lib/board/cards';
import { readBoard } from '../../src/lib/board/read';
import { cardTexts, writeCard } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { boardWithParticipants, expectStatus } from './helpers/flows';
import { startServer, type RunningServer } from './helpers/server';
import { connectSynced, waitFor } from './helpers/yjs';

const env = { LOG_RETENTION_DAYS: '0' };
let server: RunningServer;

afterAll(async () => {
	await server?.stop();
});

function logRows(boardId: string): number {
	const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
	try {
		return (
			db.prepare('SELECT COUNT(*) AS n FROM board_updates WHERE board_id = ?').get(boardId) as { n: number }
		).n;
	} finally {
		db.close();
	}
}

/** What a device syncing the stored document would hold, as JSON. */
function storedContent(boardId: string): string {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(readStoredBoard(server.databaseFile, boardId)));
	return JSON.stringify(readBoard(copy));
}

async function restart(): Promise<void> {
	const { dataDir } = server;
	expect((await server.stop()).code).toBe(0);
	server = await startServer({ env, dataDir });
}

describe('compacting the update log of a finished board', () => {
	it('leaves one row with the same document, and a reopened board appends after it', async () => {
		server = await startServer({ env });
		const { owner, board, participants } = await boardWithParticipants(server, 'Amira');
		const [amira] = participants;
		const client = await connectSynced(server, board.id, amira.device.cookie);
		const cardId = writeCard(client.doc, amira, 'challenge', '');
		const typed = 'Förderanträge sind zu kompliziert, وقت قليل جدا';
		for (const key of typed) cardText(client.doc, cardId)!.insert(cardText(client.doc, cardId)!.length, key);
		await waitFor(() => logRows(board.id) > typed.length, 'every keystroke stored');
		client.destroy();
		expectStatus(await owner.device.post(`/api/v1/boards/${board.id}/finish`), 201);
		const finished = storedContent(board.id);
		expect(logRows(board.id)).toBeGreaterThan(typed.length);

		// The first pass runs when the server starts; nobody has the board open then.
		await restart();
		await waitFor(() => logRows(board.id) === 1, 'the log replaced by one row');
		expect(storedContent(board.id)).toBe(finished);
		expect(server.output()).toContain('update logs of finished boards compacted');

		for (const device of [owner.device, amira.device]) device.baseUrl = server.url;
		expectStatus(await owner.device.post(`/api/v1/boards/${board.id}/reopen`), 200);
		const again = await connectSynced(server, board.id, amira.device.cookie);
		expect(cardTexts(again.doc)).toEqual([typed]);
		writeCard(again.doc, amira, 'challenge', 'Nach der Pause');
		await waitFor(() => logRows(board.id) === 2, 'the new card stored after the compacted row');
		again.destroy();

		await restart();
		expect(cardTexts(readStoredBoard(server.databaseFile, board.id))).toEqual(
			['Nach der Pause', typed].sort()
		);
		// Open again: the board is no longer finished, so its log is kept.
		expect(logRows(board.id)).toBe(2);
	});
});
