import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, applyTextChange, cardText, deleteCard } from '../../src/lib/board/cards';
import { linkCards } from '../../src/lib/board/links';
import { readBoard } from '../../src/lib/board/read';
import { newTestBoard, testCard } from '../../src/lib/board/testing';
import type { StoredUpdate } from '../../src/lib/server/board-store';
import { revertActor } from './actor-undo';

/**
 * A board as the server keeps it: the live document, garbage-collected, and the
 * log of every update with its sender, as BoardRoom stores them.
 */
class LoggedBoard {
	readonly live = new Y.Doc();
	readonly history: StoredUpdate[] = [];
	readonly challengeColumnId: string;
	readonly solutionColumnId: string;

	constructor() {
		const template = new Y.Doc();
		const { challengeColumnId, solutionColumnId } = newTestBoard(template);
		this.challengeColumnId = challengeColumnId;
		this.solutionColumnId = solutionColumnId;
		this.record(Y.encodeStateAsUpdate(template), null);
	}

	/** Each actor's device, kept up to date with everything stored. */
	private readonly devices = new Map<string, Y.Doc>();

	/** Runs `edit` on the actor's device and stores what it sent. */
	as(actorId: string, edit: (doc: Y.Doc) => void): void {
		let device = this.devices.get(actorId);
		if (!device) {
			device = new Y.Doc();
			Y.applyUpdate(device, Y.encodeStateAsUpdate(this.live));
			this.devices.set(actorId, device);
		}
		const sent: Uint8Array[] = [];
		const collect = (update: Uint8Array, origin: unknown) => {
			if (origin !== this) sent.push(update);
		};
		device.on('update', collect);
		edit(device);
		device.off('update', collect);
		for (const update of sent) this.record(update, actorId);
	}

	/** What the room does with a reversion: applies it to the live document and stores it as the server's. */
	revert(actorId: string): number {
		const reversion = revertActor(this.history, actorId);
		if (!reversion) return 0;
		this.record(reversion.update, null);
		return reversion.updates;
	}

	private record(update: Uint8Array, actorId: string | null): void {
		Y.applyUpdate(this.live, update);
		this.history.push({ data: update, actorId });
		for (const device of this.devices.values()) Y.applyUpdate(device, update, this);
	}
}

function texts(doc: Y.Doc): string[] {
	return readBoard(doc)
		.cards.map((card) => card.text)
		.sort();
}

describe('revertActor', () => {
	it('removes every card the actor wrote, with its edits, and keeps everyone else’s', () => {
		const board = new LoggedBoard();
		const column = board.challengeColumnId;
		board.as('amira', (doc) => addCard(doc, testCard({ id: 'a1', columnId: column, text: 'Räume fehlen' })));
		board.as('mallory', (doc) => addCard(doc, testCard({ id: 'm1', columnId: column, text: 'Unsinn' })));
		board.as('mallory', (doc) => applyTextChange(cardText(doc, 'm1')!, 'Noch mehr Unsinn'));
		board.as('amira', (doc) => applyTextChange(cardText(doc, 'a1')!, 'Räume fehlen abends'));
		board.as('mallory', (doc) => addCard(doc, testCard({ id: 'm2', columnId: column, text: 'Spam' })));
		// The facilitator corrected one of Mallory's cards: undoing Mallory removes it all the same.
		board.as('fatma', (doc) => cardText(doc, 'm2')!.insert(0, 'Kein '));

		expect(board.revert('mallory')).toBe(3);
		expect(texts(board.live)).toEqual(['Räume fehlen abends']);
	});

	it('restores what the actor deleted, with the text it had, and links it removed', () => {
		const board = new LoggedBoard();
		board.as('amira', (doc) => {
			addCard(doc, testCard({ id: 'c1', columnId: board.challengeColumnId, text: 'Zu wenig Bänke' }));
			addCard(doc, testCard({ id: 's1', columnId: board.solutionColumnId, text: 'Spendenaktion' }));
			linkCards(doc, { solutionId: 's1', challengeId: 'c1', authorId: 'amira', createdAt: 1 });
		});
		board.as('amira', (doc) => applyTextChange(cardText(doc, 'c1')!, 'Zu wenig Bänke am Markt'));
		const before = readBoard(board.live);
		board.as('mallory', (doc) => deleteCard(doc, 'c1'));
		expect(readBoard(board.live).cards.map((card) => card.id)).toEqual(['s1']);

		expect(board.revert('mallory')).toBe(1);
		expect(readBoard(board.live)).toEqual(before);
	});

	it('keeps what others changed after the actor, and only touches the actor’s part of a text', () => {
		const board = new LoggedBoard();
		board.as('amira', (doc) =>
			addCard(doc, testCard({ id: 'c1', columnId: board.challengeColumnId, text: 'Treffpunkt' }))
		);
		board.as('mallory', (doc) => cardText(doc, 'c1')!.insert(10, ' XXX'));
		board.as('amira', (doc) => cardText(doc, 'c1')!.insert(0, 'Ein '));
		expect(cardText(board.live, 'c1')!.toString()).toBe('Ein Treffpunkt XXX');
		board.revert('mallory');
		expect(cardText(board.live, 'c1')!.toString()).toBe('Ein Treffpunkt');
	});

	it('is null for an actor who changed nothing; undoing twice changes nothing more', () => {
		const board = new LoggedBoard();
		board.as('amira', (doc) => addCard(doc, testCard({ id: 'a1', columnId: board.challengeColumnId })));
		expect(revertActor(board.history, 'nobody')).toBeNull();

		board.as('mallory', (doc) =>
			addCard(doc, testCard({ id: 'm1', columnId: board.challengeColumnId, text: 'Weg damit' }))
		);
		board.as('mallory', (doc) => deleteCard(doc, 'a1'));
		board.revert('mallory');
		const once = readBoard(board.live);
		expect(once.cards.map((card) => card.id)).toEqual(['a1']);
		board.revert('mallory');
		expect(readBoard(board.live)).toEqual(once);
	});

	it('replays a long history across many actors quickly', () => {
		const board = new LoggedBoard();
		for (let i = 0; i < 1000; i++) {
			const actor = `p${i % 10}`;
			board.as(actor, (doc) =>
				addCard(doc, testCard({ id: `k${i}`, columnId: board.challengeColumnId, text: `Karte ${i}` }))
			);
		}
		const started = performance.now();
		board.revert('p7');
		expect(performance.now() - started).toBeLessThan(1000);
		expect(readBoard(board.live).cards).toHaveLength(900);
	});
});
