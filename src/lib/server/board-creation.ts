import * as Y from 'yjs';
import type { AppContext } from './context';
import * as boards from './repositories/boards';
import { initBoard, type TemplateColumnTitles } from '../board/template';
import type { Template } from '../board/schema';

/** Creates a board and its first document in one transaction: no board exists without its columns. */
export function createBoard(
	context: Pick<AppContext, 'db' | 'store'>,
	input: { meetingId: string; title: string; template: Template; columnTitles: TemplateColumnTitles }
): boards.Board {
	return context.db.transaction(() => {
		const board = boards.create(context.db, input.meetingId, input.title, input.template);
		const doc = new Y.Doc();
		initBoard(doc, input.template, input.columnTitles);
		context.store.createInitial(board.id, doc);
		doc.destroy();
		return board;
	})();
}
