/**
 * A meeting's data as one ZIP archive, for the facilitator's records and for
 * answering a participant's request for their data: the meeting, its
 * participants, each board's current content and every outcome version.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AppContext } from './context';
import type { Meeting } from './repositories/meetings';
import * as boards from './repositories/boards';
import * as outcomes from './repositories/outcomes';
import { readBoard } from '../board/read';
import { csvTable, toCsv, toJson } from '../board/export';
import { outcomeMarkdown } from '../outcome/markdown';
import { outcomeCsv } from '../outcome/csv';
import type { OutcomeDocument } from '../outcome/format';
import { meetingJson } from './api-views';
import { downloadName, exportLabels } from './board-export';
import { outcomeLabels } from './outcomes-labels';
import { meetingTimeZone, outcomeTimeZone } from './meeting-time-zone';

interface ParticipantRecord {
	boardId: string;
	id: string;
	name: string | null;
	organisation: string | null;
	email: string | null;
	role: string;
	joinedAt: number;
	lastSeenAt: number;
}

function participantsOf(context: AppContext, meetingId: string): ParticipantRecord[] {
	return context.db
		.prepare(
			`SELECT p.board_id AS boardId, p.id, p.name, p.organisation, p.email, p.role,
			   p.joined_at AS joinedAt, p.last_seen_at AS lastSeenAt
			 FROM participants p JOIN boards b ON b.id = p.board_id
			 WHERE b.meeting_id = ? ORDER BY b.created_at, p.joined_at`
		)
		.all(meetingId) as ParticipantRecord[];
}

export function meetingArchive(context: AppContext, meeting: Meeting): { name: string; data: Uint8Array } {
	const labels = exportLabels(meetingTimeZone(meeting));
	const boardList = boards.listByMeeting(context.db, meeting.id);
	const files: Zippable = {
		'meeting.json': strToU8(JSON.stringify({ meeting: meetingJson(meeting) }, null, 2))
	};
	const titles = new Map(boardList.map((board) => [board.id, board.title]));
	files['participants.csv'] = strToU8(
		csvTable([
			['board', 'id', 'name', 'organisation', 'email', 'role', 'joinedAt', 'lastSeenAt'],
			...participantsOf(context, meeting.id).map((person) => [
				titles.get(person.boardId) ?? person.boardId,
				person.id,
				person.name ?? '',
				person.organisation ?? '',
				person.email ?? '',
				person.role,
				new Date(person.joinedAt).toISOString(),
				new Date(person.lastSeenAt).toISOString()
			])
		])
	);
	boardList.forEach((board, index) => {
		const folder = `${index + 1}-${downloadName(board.title, '').slice(0, -1)}`;
		const content = context.live.readDoc(board.id, readBoard);
		const info = { boardTitle: board.title, meetingTitle: meeting.title, exportedAt: Date.now() };
		files[`${folder}/board.json`] = strToU8(JSON.stringify(toJson(content, info), null, 2));
		files[`${folder}/board.csv`] = strToU8(toCsv(content, labels));
		for (const summary of outcomes.listByBoard(context.db, board.id)) {
			const row = outcomes.read(context.db, summary.id)!;
			const document = JSON.parse(row.document) as OutcomeDocument;
			const base = `${folder}/outcome-v${summary.version}`;
			files[`${base}.json`] = strToU8(row.document);
			const resultLabels = outcomeLabels(outcomeTimeZone(document));
			files[`${base}.md`] = strToU8(outcomeMarkdown(document, resultLabels));
			files[`${base}.csv`] = strToU8(outcomeCsv(document, resultLabels));
		}
	});
	return { name: downloadName(meeting.title, 'zip'), data: zipSync(files) };
}
