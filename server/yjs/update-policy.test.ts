import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type PolicyLimits } from './update-policy';
import { addCard, applyTextChange, cardText, deleteCard } from '../../src/lib/board/cards';
import { linkCards, unlinkCards } from '../../src/lib/board/links';
import {
	createCluster,
	dissolveCluster,
	moveCardToCluster,
	renameCluster
} from '../../src/lib/board/clusters';
import { readBoard } from '../../src/lib/board/read';
import { cardsOf, clustersOf, columnsOf, linkId, metaOf } from '../../src/lib/board/schema';
import { newTestBoard, testCard } from '../../src/lib/board/testing';
import type { Actor } from '../../src/lib/board/permissions';

type PolicyActor = Actor & { name: string | null };

const alice: PolicyActor = { id: 'alice', role: 'participant', name: 'Alice' };
const bob: PolicyActor = { id: 'bob', role: 'participant', name: null };
const facilitator: PolicyActor = { id: 'fatma', role: 'facilitator', name: 'Fatma' };

const limits: PolicyLimits = { maxCardText: 100, maxTitle: 40, maxCards: 10 };

/** The server's document: Alice's challenge, Bob's solution and Bob's link between them. */
function serverBoard() {
	const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
	const aliceCard = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
	const bobCard = testCard({ columnId: solutionColumnId, authorId: bob.id, authorName: bob.name });
	addCard(doc, aliceCard);
	addCard(doc, bobCard);
	linkCards(doc, { solutionId: bobCard.id, challengeId: aliceCard.id, authorId: bob.id, createdAt: 1 });
	return { server: doc, challengeColumnId, solutionColumnId, aliceCard: aliceCard.id, bobCard: bobCard.id };
}

/** What a device sends: its copy of the server's document is changed, and the resulting update captured. */
function updateFrom(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const updates: Uint8Array[] = [];
	client.on('update', (update: Uint8Array) => updates.push(update));
	change(client);
	expect(updates.length).toBeGreaterThan(0);
	return Y.mergeUpdates(updates);
}

function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
	const before = Y.encodeStateVector(doc);
	change();
	return Y.encodeStateAsUpdate(doc, before);
}

function check(server: Y.Doc, actor: PolicyActor, change: (client: Y.Doc) => void) {
	return checkUpdate(server, updateFrom(server, change), actor, limits);
}

/** Checks and, when accepted, applies the update as the server would. */
function accept(server: Y.Doc, actor: PolicyActor, change: (client: Y.Doc) => void): void {
	const update = updateFrom(server, change);
	expect(checkUpdate(server, update, actor, limits)).toEqual({ ok: true });
	Y.applyUpdate(server, update);
}

const refused = (reason: string) => ({ ok: false, reason });

describe('checkUpdate: cards', () => {
	it('accepts a participant creating a card of their own', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		accept(server, alice, (client) => addCard(client, card));
		expect(readBoard(server).cards).toContainEqual(card);
	});

	it('accepts an anonymous participant creating a card without a name', () => {
		const { server, challengeColumnId } = serverBoard();
		accept(server, bob, (client) =>
			addCard(client, testCard({ columnId: challengeColumnId, authorId: bob.id, authorName: null }))
		);
	});

	it('accepts a card created, moved and edited offline, sent as one sync update', () => {
		const { server, challengeColumnId, solutionColumnId } = serverBoard();
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		addCard(client, card);
		cardsOf(client).get(card.id)!.set('columnId', solutionColumnId);
		applyTextChange(cardText(client, card.id)!, 'Später ergänzt');
		const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
		expect(checkUpdate(server, update, alice, limits)).toEqual({ ok: true });
	});

	it('refuses a card that claims another author', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: bob.id, authorName: bob.name });
		expect(check(server, alice, (client) => addCard(client, card))).toEqual(refused('not_owner'));
	});

	it("refuses a participant's card under a name other than their own", () => {
		const { server, challengeColumnId } = serverBoard();
		for (const authorName of ['Fatma', null]) {
			const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName });
			expect(check(server, alice, (client) => addCard(client, card))).toEqual(refused('not_owner'));
		}
	});

	it('refuses a new card that also writes another author where Yjs reads it', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		// A crafted update from two client ids: the higher is encoded first, yet its value wins.
		const first = new Y.Doc();
		first.clientID = 1;
		Y.applyUpdate(first, Y.encodeStateAsUpdate(server));
		const creation = updateOf(first, () => addCard(first, card));
		const second = new Y.Doc();
		second.clientID = 2;
		Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
		const forgery = updateOf(second, () => cardsOf(second).get(card.id)!.set('authorId', bob.id));
		const update = Y.mergeUpdates([creation, forgery]);
		expect(checkUpdate(server, update, alice, limits)).toEqual(refused('not_owner'));
	});

	it('refuses a card whose id field differs from its key, or whose text is not a Y.Text', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		const wrongKey = check(server, alice, (client) => {
			addCard(client, card);
			const map = cardsOf(client).get(card.id)!.clone();
			cardsOf(client).delete(card.id);
			cardsOf(client).set('other-key', map);
		});
		expect(wrongKey).toEqual(refused('forbidden_field'));
		const plainText = check(server, alice, (client) => {
			const map = new Y.Map<unknown>();
			for (const [key, value] of Object.entries({ ...card, text: 'plain' })) map.set(key, value);
			cardsOf(client).set(card.id, map);
		});
		expect(plainText).toEqual(refused('forbidden_field'));
	});

	it('refuses replacing a card of someone else under its key', () => {
		const { server, challengeColumnId, bobCard } = serverBoard();
		const card = testCard({
			id: bobCard,
			columnId: challengeColumnId,
			authorId: alice.id,
			authorName: 'Alice'
		});
		expect(check(server, alice, (client) => addCard(client, card))).toEqual(refused('not_owner'));
	});

	it('accepts editing the text of your own card', () => {
		const { server, aliceCard } = serverBoard();
		accept(server, alice, (client) => applyTextChange(cardText(client, aliceCard)!, 'Neue Formulierung'));
		expect(cardText(server, aliceCard)!.toString()).toBe('Neue Formulierung');
	});

	it("refuses editing the text of someone else's card", () => {
		const { server, bobCard } = serverBoard();
		expect(check(server, alice, (client) => cardText(client, bobCard)!.insert(0, 'Nein: '))).toEqual(
			refused('not_owner')
		);
	});

	it('accepts moving your own card to another column', () => {
		const { server, aliceCard, solutionColumnId } = serverBoard();
		accept(server, alice, (client) => cardsOf(client).get(aliceCard)!.set('columnId', solutionColumnId));
	});

	it('refuses giving your own card a text that is no Y.Text, or a column id that is no string', () => {
		const { server, aliceCard } = serverBoard();
		const card = (client: Y.Doc) => cardsOf(client).get(aliceCard)!;
		expect(check(server, alice, (client) => card(client).set('text', 'plain'))).toEqual(
			refused('forbidden_field')
		);
		expect(check(server, alice, (client) => card(client).set('columnId', new Y.Map()))).toEqual(
			refused('forbidden_field')
		);
		const { server: other, challengeColumnId } = serverBoard();
		const newCard = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		expect(
			check(other, alice, (client) => {
				addCard(client, newCard);
				cardsOf(client).get(newCard.id)!.set('columnId', 42);
			})
		).toEqual(refused('forbidden_field'));
	});

	it("refuses moving someone else's card", () => {
		const { server, bobCard, challengeColumnId } = serverBoard();
		expect(
			check(server, alice, (client) => cardsOf(client).get(bobCard)!.set('columnId', challengeColumnId))
		).toEqual(refused('not_owner'));
	});

	it("refuses changing your own card's author", () => {
		const { server, aliceCard } = serverBoard();
		expect(check(server, alice, (client) => cardsOf(client).get(aliceCard)!.set('authorId', bob.id))).toEqual(
			refused('forbidden_field')
		);
		expect(
			check(server, alice, (client) => cardsOf(client).get(aliceCard)!.set('authorName', 'Bob'))
		).toEqual(refused('forbidden_field'));
	});

	it('accepts deleting your own card together with its links', () => {
		const { server, aliceCard } = serverBoard();
		accept(server, alice, (client) => deleteCard(client, aliceCard));
		expect(cardsOf(server).has(aliceCard)).toBe(false);
		expect(readBoard(server).links).toEqual([]);
	});

	it("refuses deleting someone else's card", () => {
		const { server, bobCard } = serverBoard();
		expect(check(server, alice, (client) => deleteCard(client, bobCard))).toEqual(refused('not_owner'));
		expect(check(server, alice, (client) => cardsOf(client).delete(bobCard))).toEqual(refused('not_owner'));
	});
});

describe('checkUpdate: the board itself', () => {
	it('refuses a participant renaming, adding or removing columns', () => {
		const { server } = serverBoard();
		const rename = check(server, alice, (client) => columnsOf(client).get(0).set('title', 'Probleme'));
		expect(rename).toEqual(refused('forbidden_field'));
		const add = check(server, alice, (client) => {
			const column = new Y.Map<unknown>();
			column.set('id', 'extra');
			columnsOf(client).push([column]);
		});
		expect(add).toEqual(refused('forbidden_field'));
		expect(check(server, alice, (client) => columnsOf(client).delete(0, 1))).toEqual(
			refused('forbidden_field')
		);
	});

	it('refuses a participant changing meta', () => {
		const { server } = serverBoard();
		expect(check(server, alice, (client) => metaOf(client).set('template', 'other'))).toEqual(
			refused('forbidden_field')
		);
		expect(check(server, alice, (client) => metaOf(client).delete('schemaVersion'))).toEqual(
			refused('forbidden_field')
		);
	});

	it('refuses any other root', () => {
		const { server } = serverBoard();
		expect(check(server, alice, (client) => client.getMap('extra').set('x', 1))).toEqual(
			refused('forbidden_field')
		);
	});

	it('lets a facilitator rename columns, but not beyond the title limit', () => {
		const { server } = serverBoard();
		accept(server, facilitator, (client) => columnsOf(client).get(0).set('title', 'Probleme'));
		expect(
			check(server, facilitator, (client) =>
				columnsOf(client)
					.get(0)
					.set('title', 'x'.repeat(limits.maxTitle + 1))
			)
		).toEqual(refused('too_long'));
	});
});

describe('checkUpdate: facilitators', () => {
	it('lets a facilitator edit, move and delete any card', () => {
		const { server, aliceCard, bobCard, challengeColumnId } = serverBoard();
		accept(server, facilitator, (client) => applyTextChange(cardText(client, aliceCard)!, 'Zusammengefasst'));
		accept(server, facilitator, (client) => cardsOf(client).get(bobCard)!.set('columnId', challengeColumnId));
		accept(server, facilitator, (client) => deleteCard(client, bobCard));
		accept(server, facilitator, (client) => deleteCard(client, aliceCard));
		expect(readBoard(server).cards).toEqual([]);
	});

	it('refuses a facilitator creating a card in the name of a participant', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		expect(check(server, facilitator, (client) => addCard(client, card))).toEqual(refused('not_owner'));
	});
});

describe('checkUpdate: links', () => {
	function withSecondChallenge() {
		const board = serverBoard();
		const card = testCard({ columnId: board.challengeColumnId, authorId: alice.id, authorName: alice.name });
		addCard(board.server, card);
		return { ...board, secondChallenge: card.id };
	}

	it('accepts a link under your own id, also between cards of others', () => {
		const { server, bobCard, secondChallenge } = withSecondChallenge();
		accept(server, facilitator, (client) =>
			linkCards(client, {
				solutionId: bobCard,
				challengeId: secondChallenge,
				authorId: facilitator.id,
				createdAt: 2
			})
		);
		const { server: other, bobCard: solution, secondChallenge: challenge } = withSecondChallenge();
		accept(other, alice, (client) =>
			linkCards(client, { solutionId: solution, challengeId: challenge, authorId: alice.id, createdAt: 2 })
		);
	});

	it('refuses a link under someone else’s id', () => {
		const { server, bobCard, secondChallenge } = withSecondChallenge();
		expect(
			check(server, alice, (client) =>
				linkCards(client, {
					solutionId: bobCard,
					challengeId: secondChallenge,
					authorId: bob.id,
					createdAt: 2
				})
			)
		).toEqual(refused('not_owner'));
	});

	it('lets the author of either card remove a link someone else made', () => {
		const { server, aliceCard, bobCard } = serverBoard();
		accept(server, alice, (client) => unlinkCards(client, linkId(bobCard, aliceCard)));
		expect(readBoard(server).links).toEqual([]);
	});

	it('lets the maker of a link remove it', () => {
		const { server, aliceCard, bobCard } = serverBoard();
		accept(server, bob, (client) => unlinkCards(client, linkId(bobCard, aliceCard)));
	});

	it('refuses removing a link between cards of others, made by someone else', () => {
		const { server, aliceCard, bobCard } = serverBoard();
		const carol: PolicyActor = { id: 'carol', role: 'participant', name: 'Carol' };
		expect(check(server, carol, (client) => unlinkCards(client, linkId(bobCard, aliceCard)))).toEqual(
			refused('not_owner')
		);
		const replacement = check(server, carol, (client) => {
			const link = new Y.Map<unknown>();
			const fields = { id: linkId(bobCard, aliceCard), solutionId: bobCard, challengeId: aliceCard };
			for (const [key, value] of Object.entries({ ...fields, authorId: carol.id, createdAt: 2 }))
				link.set(key, value);
			client.getMap('links').set(fields.id, link);
		});
		expect(replacement).toEqual(refused('not_owner'));
	});

	it('refuses changing the fields of an existing link', () => {
		const { server, aliceCard, bobCard } = serverBoard();
		const change = (client: Y.Doc) => client.getMap<Y.Map<unknown>>('links').get(linkId(bobCard, aliceCard))!;
		expect(check(server, bob, (client) => change(client).set('challengeId', 'elsewhere'))).toEqual(
			refused('forbidden_field')
		);
	});
});

describe('checkUpdate: limits', () => {
	it('refuses a new card whose text is over the limit', () => {
		const { server, challengeColumnId } = serverBoard();
		const card = testCard({
			columnId: challengeColumnId,
			authorId: alice.id,
			authorName: alice.name,
			text: 'x'.repeat(limits.maxCardText + 1)
		});
		expect(check(server, alice, (client) => addCard(client, card))).toEqual(refused('too_long'));
	});

	it('refuses an insert that takes existing text over the limit, for facilitators too', () => {
		const { server, aliceCard } = serverBoard();
		const room = limits.maxCardText - cardText(server, aliceCard)!.length;
		accept(server, alice, (client) => cardText(client, aliceCard)!.insert(0, 'y'.repeat(room)));
		for (const actor of [alice, facilitator]) {
			expect(check(server, actor, (client) => cardText(client, aliceCard)!.insert(3, 'z'))).toEqual(
				refused('too_long')
			);
		}
	});

	it('accepts a replacement that keeps the text within the limit', () => {
		const { server, aliceCard } = serverBoard();
		accept(server, alice, (client) =>
			applyTextChange(cardText(client, aliceCard)!, 'a'.repeat(limits.maxCardText))
		);
		accept(server, alice, (client) =>
			applyTextChange(cardText(client, aliceCard)!, 'b'.repeat(limits.maxCardText))
		);
	});

	it('accepts shrinking a text that is over the limit (e.g. after the limit was lowered)', () => {
		const { server, aliceCard } = serverBoard();
		cardText(server, aliceCard)!.insert(0, 'x'.repeat(limits.maxCardText * 2));
		accept(server, alice, (client) => cardText(client, aliceCard)!.delete(0, 10));
		expect(cardText(server, aliceCard)!.length).toBeGreaterThan(limits.maxCardText);
	});

	it('refuses cards beyond the number allowed per board', () => {
		const { server, challengeColumnId } = serverBoard();
		const room = limits.maxCards - cardsOf(server).size;
		accept(server, alice, (client) => {
			for (let i = 0; i < room; i++) {
				addCard(
					client,
					testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name })
				);
			}
		});
		const one = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		expect(check(server, alice, (client) => addCard(client, one))).toEqual(refused('too_many_cards'));
	});
});

describe('checkUpdate: changes made offline, sent as one sync update', () => {
	/** What a device sends on reconnecting: everything the server lacks, with deleted content stripped. */
	function offline(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		change(client);
		return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
	}

	it('accepts typing with corrections in your own card', () => {
		const { server, aliceCard } = serverBoard();
		const update = offline(server, (client) => {
			const text = cardText(client, aliceCard)!;
			text.insert(text.length, ' mit Tippfehlre');
			text.delete(text.length - 2, 2);
			text.insert(text.length, 'er');
		});
		expect(checkUpdate(server, update, alice, limits)).toEqual({ ok: true });
		Y.applyUpdate(server, update);
		expect(cardText(server, aliceCard)!.toString()).toMatch(/ mit Tippfehler$/);
	});

	it('accepts moving your own card twice', () => {
		const { server, aliceCard, challengeColumnId, solutionColumnId } = serverBoard();
		const update = offline(server, (client) => {
			cardsOf(client).get(aliceCard)!.set('columnId', solutionColumnId);
			cardsOf(client).get(aliceCard)!.set('columnId', challengeColumnId);
		});
		expect(checkUpdate(server, update, alice, limits)).toEqual({ ok: true });
	});

	it('accepts a card or a link created and removed again', () => {
		const { server, challengeColumnId, aliceCard, bobCard } = serverBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		const update = offline(server, (client) => {
			addCard(client, card);
			deleteCard(client, card.id);
			unlinkCards(client, linkId(bobCard, aliceCard));
			linkCards(client, { solutionId: bobCard, challengeId: aliceCard, authorId: alice.id, createdAt: 3 });
			unlinkCards(client, linkId(bobCard, aliceCard));
		});
		expect(checkUpdate(server, update, alice, limits)).toEqual({ ok: true });
	});

	it("refuses removed content put over someone else's card or its fields", () => {
		const { server, bobCard } = serverBoard();
		const overCard = offline(server, (client) => {
			cardsOf(client).set(bobCard, new Y.Map());
			cardsOf(client).delete(bobCard);
		});
		expect(checkUpdate(server, overCard, alice, limits)).toEqual(refused('not_owner'));
		const overField = offline(server, (client) => {
			cardsOf(client).get(bobCard)!.set('columnId', 'x');
			cardsOf(client).get(bobCard)!.delete('columnId');
		});
		expect(checkUpdate(server, overField, alice, limits)).toEqual(refused('not_owner'));
	});
});

describe('checkUpdate: malformed updates', () => {
	it('refuses bytes that are no update', () => {
		const { server } = serverBoard();
		for (const garbage of [
			new Uint8Array([0xff, 0xff, 0xff]),
			new TextEncoder().encode('hello'),
			new Uint8Array([1, 1, 200, 1, 0, 9])
		]) {
			expect(checkUpdate(server, garbage, alice, limits)).toEqual(refused('malformed'));
		}
	});

	it('refuses an update that builds on changes the server never received', () => {
		const { server, challengeColumnId } = serverBoard();
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		addCard(client, card);
		const updates: Uint8Array[] = [];
		client.on('update', (update: Uint8Array) => updates.push(update));
		cardText(client, card.id)!.insert(2, 'mehr ');
		cardsOf(client).get(card.id)!.set('columnId', 'elsewhere');
		expect(updates).toHaveLength(2);
		for (const update of updates)
			expect(checkUpdate(server, update, alice, limits)).toEqual(refused('malformed'));
	});
});

describe('checkUpdate: clusters', () => {
	type Phase = 'collect' | 'cluster';
	function checkIn(phase: Phase, server: Y.Doc, actor: PolicyActor, change: (client: Y.Doc) => void) {
		return checkUpdate(server, updateFrom(server, change), actor, limits, { phase });
	}
	function acceptIn(phase: Phase, server: Y.Doc, actor: PolicyActor, change: (client: Y.Doc) => void) {
		const update = updateFrom(server, change);
		expect(checkUpdate(server, update, actor, limits, { phase })).toEqual({ ok: true });
		Y.applyUpdate(server, update);
	}
	const cluster =
		(authorId: string, title = 'Räume', id = 'theme') =>
		(client: Y.Doc) =>
			createCluster(client, { id, title, columnId: null, authorId, createdAt: 1 });
	/** Alice's and Bob's cards, and a cluster the facilitator made. */
	function clusteredBoard() {
		const board = serverBoard();
		acceptIn('collect', board.server, facilitator, cluster(facilitator.id));
		return board;
	}

	it('lets facilitators make clusters and sort any card in any phase', () => {
		const { server, bobCard } = clusteredBoard();
		acceptIn('collect', server, facilitator, (client) => moveCardToCluster(client, bobCard, 'theme'));
		expect(readBoard(server).cards.find((card) => card.id === bobCard)?.clusterId).toBe('theme');
	});

	it('lets participants make, rename and dissolve clusters and sort anyone’s card while clustering', () => {
		const { server, bobCard } = clusteredBoard();
		acceptIn('cluster', server, alice, cluster(alice.id, 'Geld', 'theme-2'));
		acceptIn('cluster', server, alice, (client) => moveCardToCluster(client, bobCard, 'theme'));
		acceptIn('cluster', server, alice, (client) => renameCluster(client, 'theme', 'Raumnot'));
		acceptIn('cluster', server, alice, (client) => dissolveCluster(client, 'theme'));
		const content = readBoard(server);
		expect(content.clusters.map((c) => c.title)).toEqual(['Geld']);
		expect(content.cards.find((card) => card.id === bobCard)?.clusterId).toBeNull();
	});

	it('refuses participants every clustering change outside the cluster phase', () => {
		const { server, aliceCard, bobCard } = clusteredBoard();
		const outOfPhase = refused('out_of_phase');
		expect(checkIn('collect', server, alice, cluster(alice.id, 'Geld', 'theme-2'))).toEqual(outOfPhase);
		expect(checkIn('collect', server, alice, (c) => moveCardToCluster(c, bobCard, 'theme'))).toEqual(
			outOfPhase
		);
		expect(checkIn('collect', server, alice, (c) => moveCardToCluster(c, aliceCard, 'theme'))).toEqual(
			outOfPhase
		);
		expect(checkIn('collect', server, alice, (c) => renameCluster(c, 'theme', 'x'))).toEqual(outOfPhase);
		expect(checkIn('collect', server, alice, (c) => clustersOf(c).delete('theme'))).toEqual(outOfPhase);
	});

	it('refuses a participant a new card put into a cluster outside the cluster phase', () => {
		const { server, challengeColumnId } = clusteredBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		expect(checkIn('collect', server, alice, (c) => addCard(c, { ...card, clusterId: 'theme' }))).toEqual(
			refused('out_of_phase')
		);
		acceptIn('collect', server, alice, (c) => addCard(c, card));
	});

	it('refuses a cluster in someone else’s name, with a key that is not its id, or with a title over the limit', () => {
		const { server } = clusteredBoard();
		expect(checkIn('cluster', server, alice, cluster(bob.id, 'Geld', 'other'))).toEqual(refused('not_owner'));
		expect(checkIn('cluster', server, facilitator, cluster(alice.id, 'Geld', 'other'))).toEqual(
			refused('not_owner')
		);
		expect(
			checkIn('cluster', server, alice, (c) => {
				cluster(alice.id, 'Geld', 'other')(c);
				clustersOf(c).get('other')!.set('id', 'elsewhere');
			})
		).toEqual(refused('forbidden_field'));
		expect(checkIn('cluster', server, alice, cluster(alice.id, 'x'.repeat(41), 'other'))).toEqual(
			refused('too_long')
		);
		expect(
			checkIn('cluster', server, alice, (c) => clustersOf(c).get('theme')!.set('title', 'x'.repeat(41)))
		).toEqual(refused('too_long'));
	});

	it('refuses participants changing who made a cluster, and a cluster id that is no string', () => {
		const { server, bobCard } = clusteredBoard();
		expect(
			checkIn('cluster', server, alice, (c) => clustersOf(c).get('theme')!.set('authorId', alice.id))
		).toEqual(refused('forbidden_field'));
		expect(checkIn('cluster', server, alice, (c) => cardsOf(c).get(bobCard)!.set('clusterId', 7))).toEqual(
			refused('forbidden_field')
		);
	});

	it('clustering opens only `clusterId` of other people’s cards, nothing else', () => {
		const { server, bobCard } = clusteredBoard();
		expect(checkIn('cluster', server, alice, (c) => cardsOf(c).get(bobCard)!.set('columnId', 'x'))).toEqual(
			refused('not_owner')
		);
	});
});

describe('checkUpdate: recommendation sources', () => {
	it('accepts a new card of your own with a list of sources, and refuses sources that are no list of ids', () => {
		const { server, challengeColumnId, aliceCard } = serverBoard();
		const card = testCard({ columnId: challengeColumnId, authorId: alice.id, authorName: alice.name });
		accept(server, alice, (c) => addCard(c, { ...card, sources: [aliceCard, 'theme'] }));
		expect(readBoard(server).cards.find((c) => c.id === card.id)?.sources).toEqual([aliceCard, 'theme']);
		expect(check(server, alice, (c) => cardsOf(c).get(card.id)!.set('sources', 'theme'))).toEqual(
			refused('forbidden_field')
		);
		accept(server, alice, (c) => cardsOf(c).get(card.id)!.set('sources', []));
	});

	it('refuses changing the sources of someone else’s card', () => {
		const { server, bobCard } = serverBoard();
		expect(check(server, alice, (c) => cardsOf(c).get(bobCard)!.set('sources', ['x']))).toEqual(
			refused('not_owner')
		);
	});
});
