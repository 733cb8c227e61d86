import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './template';
import { columnsOf, metaOf, SCHEMA_VERSION } from './schema';
import { readBoard } from './read';

describe('initBoard', () => {
	it('creates one challenge and one solution column with the given titles', () => {
		const doc = new Y.Doc();
		initBoard(doc, 'challenges-solutions', { challenge: 'Herausforderungen', solution: 'Lösungsideen' });
		const { columns, cards, links } = readBoard(doc);
		expect(columns.map(({ kind, title }) => ({ kind, title }))).toEqual([
			{ kind: 'challenge', title: 'Herausforderungen' },
			{ kind: 'solution', title: 'Lösungsideen' }
		]);
		expect(new Set(columns.map((column) => column.id)).size).toBe(2);
		expect(columns.every((column) => column.id.length > 0)).toBe(true);
		expect(cards).toEqual([]);
		expect(links).toEqual([]);
	});

	it('records the schema version and template in meta', () => {
		const doc = new Y.Doc();
		initBoard(doc, 'challenges-solutions', { challenge: 'C', solution: 'S' });
		expect(metaOf(doc).toJSON()).toEqual({ schemaVersion: SCHEMA_VERSION, template: 'challenges-solutions' });
	});

	it('writes everything in one transaction, so clients receive the board whole', () => {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		initBoard(doc, 'challenges-solutions', { challenge: 'C', solution: 'S' });
		expect(updates).toHaveLength(1);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, updates[0]);
		expect(columnsOf(copy).length).toBe(2);
	});
});
