import * as Y from 'yjs';
import { columnsOf, metaOf, SCHEMA_VERSION, type ColumnKind, type Template } from './schema';
import { newId } from './ids';

export interface TemplateColumnTitles {
	challenge: string;
	solution: string;
}

const TEMPLATE_COLUMNS: Record<Template, ColumnKind[]> = {
	'challenges-solutions': ['challenge', 'solution']
};

/**
 * Fills a new board's document. Only the server calls this, once, when the board
 * is created: if clients did it, two devices opening a fresh board would each add columns.
 */
export function initBoard(doc: Y.Doc, template: Template, titles: TemplateColumnTitles): void {
	doc.transact(() => {
		const meta = metaOf(doc);
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('template', template);
		const columns = columnsOf(doc);
		for (const kind of TEMPLATE_COLUMNS[template]) {
			const column = new Y.Map<unknown>();
			column.set('id', newId());
			column.set('kind', kind);
			column.set('title', kind === 'challenge' ? titles.challenge : titles.solution);
			columns.push([column]);
		}
	});
}
