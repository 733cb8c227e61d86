import { describe, expect, it } from 'vitest';
import { canChangeOwned, canWriteBoard, type BoardRole } from './permissions';

describe('canWriteBoard', () => {
	it.each<[BoardRole, boolean, boolean, boolean]>([
		['facilitator', false, false, true],
		['facilitator', true, false, true],
		['facilitator', false, true, false],
		['participant', false, false, true],
		['participant', true, false, false],
		['participant', false, true, false],
		['viewer', false, false, false],
		['viewer', true, true, false]
	])('%s on a board locked=%s finished=%s may write: %s', (role, locked, finished, expected) => {
		expect(canWriteBoard(role, { locked, finished, phase: 'collect' })).toBe(expected);
	});

	it('makes participants read-only in phases where they change nothing in the document', () => {
		const open = { locked: false, finished: false };
		expect(canWriteBoard('participant', { ...open, phase: 'cluster' })).toBe(true);
		expect(canWriteBoard('participant', { ...open, phase: 'recommend' })).toBe(true);
		expect(canWriteBoard('participant', { ...open, phase: 'done' })).toBe(false);
		expect(canWriteBoard('facilitator', { ...open, phase: 'done' })).toBe(true);
	});
});

describe('canChangeOwned', () => {
	it('lets participants change only what they own', () => {
		expect(canChangeOwned({ id: 'p1', role: 'participant' }, 'p1')).toBe(true);
		expect(canChangeOwned({ id: 'p1', role: 'participant' }, 'p2')).toBe(false);
		expect(canChangeOwned({ id: 'p1', role: 'participant' }, '')).toBe(false);
	});

	it('lets facilitators change anything and viewers nothing', () => {
		expect(canChangeOwned({ id: 'u1', role: 'facilitator' }, 'p2')).toBe(true);
		expect(canChangeOwned({ id: 'v1', role: 'viewer' }, 'v1')).toBe(false);
	});
});
