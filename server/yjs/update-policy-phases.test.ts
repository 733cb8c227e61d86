/** The board's phase narrows what a participant's update may do (src/lib/board/phases.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type PolicyLimits } from './update-policy';
import { addCard, applyTextChange, cardText, deleteCard } from '../../src/lib/board/cards';
import { linkCards } from '../../src/lib/board/links';
import { cardsOf, columnsOf } from '../../src/lib/board/schema';
import { newTestBoard, testCard } from '../../src/lib/board/testing';
import type { Phase } from '../../src/lib/board/phases';
import type { Actor } from '../../src/lib/board/permissions';

const alice: Actor & { name: string | null } = { id: 'alice', role: 'participant', name: 'Alice' };
const fatma: Actor & { name: string | null } = { id: 'fatma', role: 'facilitator', name: 'Fatma' };
const limits: PolicyLimits = { maxCardText: 100, maxTitle: 40, maxCards: 10 };

/** Alice's challenge and solution, and an empty recommendation column the facilitator added. */
function serverBoard() {
	const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
	const recommendationColumnId = 'recommendations';
	const column = new Y.Map<unknown>();
	column.set('id', recommendationColumnId);
	column.set('kind', 'recommendation');
	column.set('title', 'Recommendations');
	columnsOf(doc).push([column]);
	const challenge = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
	const solution = testCard({ columnId: solutionColumnId, authorId: alice.id, authorName: alice.name });
	addCard(doc, challenge);
	addCard(doc, solution);
	return {
		server: doc,
		columns: {
			challenge: challengeColumnId,
			solution: solutionColumnId,
			recommendation: recommendationColumnId
		},
		challenge: challenge.id,
		solution: solution.id
	};
}

function check(
	server: Y.Doc,
	actor: Actor & { name: string | null },
	phase: Phase,
	change: (doc: Y.Doc) => void
) {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const updates: Uint8Array[] = [];
	client.on('update', (update: Uint8Array) => updates.push(update));
	change(client);
	return checkUpdate(server, Y.mergeUpdates(updates), actor, limits, { phase });
}

const refused = { ok: false, reason: 'out_of_phase' };
const accepted = { ok: true };

describe('a participant’s update and the phase', () => {
	const { server, columns, challenge, solution } = serverBoard();
	const newCard = (columnId: string) => (doc: Y.Doc) =>
		addCard(doc, testCard({ columnId, authorId: alice.id, authorName: alice.name }));
	const edit = (doc: Y.Doc) => applyTextChange(cardText(doc, challenge)!, 'Changed');
	const link = (doc: Y.Doc) =>
		linkCards(doc, { solutionId: solution, challengeId: challenge, authorId: alice.id, createdAt: 1 });

	it('collect: new cards in challenges and solutions, edits and links; no recommendations', () => {
		expect(check(server, alice, 'collect', newCard(columns.challenge))).toEqual(accepted);
		expect(check(server, alice, 'collect', edit)).toEqual(accepted);
		expect(check(server, alice, 'collect', link)).toEqual(accepted);
		expect(check(server, alice, 'collect', newCard(columns.recommendation))).toEqual(refused);
	});

	it('cluster: no new cards, but own cards may still be corrected', () => {
		expect(check(server, alice, 'cluster', newCard(columns.challenge))).toEqual(refused);
		expect(check(server, alice, 'cluster', edit)).toEqual(accepted);
	});

	it('vote: no new cards, no edits, no deletions, no links', () => {
		expect(check(server, alice, 'vote', newCard(columns.challenge))).toEqual(refused);
		expect(check(server, alice, 'vote', newCard(columns.solution))).toEqual(refused);
		expect(check(server, alice, 'vote', edit)).toEqual(refused);
		expect(check(server, alice, 'vote', (doc) => deleteCard(doc, challenge))).toEqual(refused);
		expect(check(server, alice, 'vote', link)).toEqual(refused);
	});

	it('recommend: only the recommendation column, and no moving cards into it', () => {
		expect(check(server, alice, 'recommend', newCard(columns.recommendation))).toEqual(accepted);
		expect(check(server, alice, 'recommend', newCard(columns.challenge))).toEqual(refused);
		expect(check(server, alice, 'recommend', edit)).toEqual(refused);
		const move = (doc: Y.Doc) => cardsOf(doc).get(challenge)!.set('columnId', columns.recommendation);
		expect(check(server, alice, 'recommend', move)).toEqual(refused);
	});

	it('a card written in a collect step may not be created once the board has moved on, even offline', () => {
		expect(check(server, alice, 'done', newCard(columns.challenge))).toEqual(refused);
	});

	it('binds participants only: a facilitator writes in every phase', () => {
		const own = (columnId: string) => (doc: Y.Doc) =>
			addCard(doc, testCard({ columnId, authorId: fatma.id, authorName: fatma.name }));
		for (const phase of ['vote', 'done', 'recommend'] as const) {
			expect(check(server, fatma, phase, own(columns.challenge))).toEqual(accepted);
			expect(check(server, fatma, phase, edit)).toEqual(accepted);
		}
	});
});
