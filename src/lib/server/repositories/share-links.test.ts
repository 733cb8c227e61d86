import { describe, expect, it } from 'vitest';
import { testDatabase, testMeeting, testUser } from '../db/testing';
import * as boards from './boards';
import * as outcomes from './outcomes';
import * as shareLinks from './share-links';

describe('boards shared with a co-facilitator', () => {
	const db = testDatabase();
	const owner = testUser(db, 'Olga Owner');
	const startsAt = Date.UTC(2020, 2, 14, 17);
	const meeting = testMeeting(db, {
		ownerId: owner.id,
		title: 'Stadtteilkonferenz',
		startsAt,
		timeZone: 'Europe/Berlin'
	});

	function sharedBoard(title: string, meetingId = meeting.id) {
		const board = boards.create(db, meetingId, title, 'challenges-solutions');
		const { link } = shareLinks.create(db, board.id, 'cofacilitator');
		return { board, link };
	}

	it('lists a board once its link is accepted, with its meeting and owner, and only for that user', () => {
		const cem = testUser(db, 'Cem');
		const { board, link } = sharedBoard('Mobilität');
		expect(shareLinks.listSharedWith(db, cem.id)).toEqual([]);

		shareLinks.addCofacilitator(db, link, cem.id);
		expect(shareLinks.listSharedWith(db, cem.id)).toEqual([
			{
				id: board.id,
				title: 'Mobilität',
				finished: false,
				meetingTitle: 'Stadtteilkonferenz',
				meetingStartsAt: startsAt,
				meetingTimeZone: 'Europe/Berlin',
				ownerName: 'Olga Owner',
				latestOutcomeId: null
			}
		]);
		expect(shareLinks.listSharedWith(db, owner.id)).toEqual([]);
		expect(shareLinks.listSharedWith(db, testUser(db).id)).toEqual([]);
	});

	it('a viewer link shares nothing with a user', () => {
		const dana = testUser(db, 'Dana');
		const board = boards.create(db, meeting.id, 'Nur zum Zuschauen', 'challenges-solutions');
		shareLinks.addViewer(db, shareLinks.create(db, board.id, 'viewer').link, 'device-of-dana');
		expect(shareLinks.listSharedWith(db, dana.id)).toEqual([]);
	});

	it('a finished board names its newest outcome version', () => {
		const cem = testUser(db, 'Cem');
		const { board, link } = sharedBoard('Wohnen');
		shareLinks.addCofacilitator(db, link, cem.id);
		for (const [id, version] of [
			['first-version', 1],
			['second-version', 2]
		] as const) {
			outcomes.insert(db, {
				id,
				boardId: board.id,
				version,
				createdAt: Date.now(),
				yjsState: new Uint8Array(),
				document: '{}',
				createdBy: owner.id
			});
		}
		boards.setFinished(db, board.id, true);
		expect(shareLinks.listSharedWith(db, cem.id)).toMatchObject([
			{ id: board.id, finished: true, latestOutcomeId: 'second-version' }
		]);
	});

	it('a revoked link takes the board off the list', () => {
		const cem = testUser(db, 'Cem');
		const { board, link } = sharedBoard('Grünflächen');
		shareLinks.addCofacilitator(db, link, cem.id);
		expect(shareLinks.listSharedWith(db, cem.id).map((shared) => shared.id)).toEqual([board.id]);
		expect(shareLinks.revoke(db, board.id, link.id)).toEqual([cem.id]);
		expect(shareLinks.listSharedWith(db, cem.id)).toEqual([]);
	});

	it('lists the latest meetings first, an undated one by when it was made', () => {
		const cem = testUser(db, 'Cem');
		const later = testMeeting(db, { ownerId: owner.id, title: 'Später', startsAt: startsAt + 86_400_000 });
		const undated = testMeeting(db, { title: 'Ohne Datum' });
		for (const meetingId of [meeting.id, undated.id, later.id]) {
			shareLinks.addCofacilitator(db, sharedBoard('Board', meetingId).link, cem.id);
		}
		expect(shareLinks.listSharedWith(db, cem.id).map((shared) => shared.meetingTitle)).toEqual([
			'Ohne Datum',
			'Später',
			'Stadtteilkonferenz'
		]);
	});
});
