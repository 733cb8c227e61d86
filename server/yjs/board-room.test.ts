import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardText } from '../../src/lib/board/cards';
import { newTestBoard, testCard } from '../../src/lib/board/testing';
import type { StoredUpdate } from '../../src/lib/server/board-store';
import { BoardRoom, type RoomActor, type RoomStore } from './board-room';
import { encodeUpdate } from './protocol';

const amira: RoomActor = { id: 'p-amira', role: 'participant', name: 'Amira' };
const template = newTestBoard();

/** The log in memory, as BoardStore keeps it. */
function memoryStore(): RoomStore & { log: StoredUpdate[] } {
	const log: StoredUpdate[] = [];
	const owners = new Map<number, string>();
	return {
		log,
		load(_boardId, doc) {
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(template.doc));
			return { updatesSinceSnapshot: 0 };
		},
		append: (_boardId, updates) => void log.push(...updates),
		compact: () => ({ folded: 0 }),
		clientOwners: () => owners,
		bindClient: (_boardId, clientId, actorId) => void owners.set(clientId, actorId)
	};
}

/** A device's socket: what the room sent it, and how it was closed. */
function socket() {
	return {
		sent: [] as Uint8Array[],
		closed: undefined as { code: number; reason: string } | undefined,
		send(data: Uint8Array) {
			this.sent.push(data);
		},
		close(code: number, reason: string) {
			this.closed = { code, reason };
		}
	};
}

/** The state vectors of the sync step 1 messages (the room's acknowledgements) a socket received. */
function acknowledged(sent: Uint8Array[]): Array<Map<number, number>> {
	return sent.flatMap((message) => {
		const decoder = decoding.createDecoder(message);
		if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) return [];
		return [Y.decodeStateVector(decoding.readVarUint8Array(decoder))];
	});
}

let store: ReturnType<typeof memoryStore>;
let room: BoardRoom;

beforeEach(() => {
	vi.useFakeTimers();
	store = memoryStore();
	room = new BoardRoom(
		'board',
		{ locked: false, finished: false, phase: 'collect', interpretersAllowed: false },
		store,
		{ maxCardText: 2000, maxTitle: 200, maxCards: 500, compactAfterUpdates: 1000 },
		{ refused() {}, persisted() {} }
	);
});

afterEach(() => {
	room.destroy();
	vi.useRealTimers();
});

/** A device with its own copy of the board, sending what it changes to the room. */
function device(actor: RoomActor) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
	const connection = socket();
	room.join(connection, actor);
	doc.on('update', (update: Uint8Array) => room.receive(connection, encodeUpdate(update)));
	return { doc, connection };
}

describe('BoardRoom', () => {
	it('acknowledges each change with the state the room holds after it, to whoever joins too', () => {
		const { doc, connection } = device(amira);
		const card = testCard({ columnId: template.challengeColumnId, authorId: amira.id, authorName: 'Amira' });
		addCard(doc, card);
		vi.advanceTimersByTime(200);
		expect(acknowledged(connection.sent).at(-1)?.get(doc.clientID)).toBe(Y.getState(doc.store, doc.clientID));

		cardText(doc, card.id)!.insert(0, 'Räume fehlen ');
		vi.advanceTimersByTime(200);
		const [atJoin, first, second] = acknowledged(connection.sent);
		expect(atJoin.get(doc.clientID)).toBeUndefined();
		expect(second.get(doc.clientID)).toBeGreaterThan(first.get(doc.clientID)!);
		expect(second.get(doc.clientID)).toBe(Y.getState(doc.store, doc.clientID));

		const later = socket();
		room.join(later, { ...amira, id: 'p-boris', name: 'Boris' });
		expect(acknowledged(later.sent)[0]).toEqual(second);
	});

	it('refuses bytes that are no update and a change under another identity’s client id, storing neither', () => {
		const { doc } = device(amira);
		addCard(doc, testCard({ columnId: template.challengeColumnId, authorId: amira.id, authorName: 'Amira' }));
		expect(store.log).toHaveLength(1);

		const garbage = socket();
		room.join(garbage, amira);
		room.receive(garbage, encodeUpdate(new Uint8Array([1, 2, 3, 250, 250])));
		expect(garbage.closed).toEqual({ code: 4422, reason: 'malformed' });

		// Another identity writing with Amira's client id.
		const impostor = socket();
		room.join(impostor, { id: 'p-mallory', role: 'participant', name: 'Mallory' });
		const forged = new Y.Doc();
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(doc));
		// Set after the sync: Yjs picks a new id when it receives content under its own.
		forged.clientID = doc.clientID;
		const updates: Uint8Array[] = [];
		forged.on('update', (update: Uint8Array) => updates.push(update));
		addCard(
			forged,
			testCard({ columnId: template.challengeColumnId, authorId: 'p-mallory', authorName: 'Mallory' })
		);
		room.receive(impostor, encodeUpdate(updates[0]));
		expect(impostor.closed).toEqual({ code: 4422, reason: 'not_owner' });
		expect(store.log).toHaveLength(1);
	});
});
