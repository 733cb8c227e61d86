/**
 * `npm run demo`: loads a sample meeting (scripts/demo-content.ts) into the database
 * at DATA_DIR, so that a fresh install has a filled board to show. Running it again
 * adds another board; the facilitator account is reused and gets a new password.
 */
import * as Y from 'yjs';
import { readConfig } from '../src/lib/server/config';
import { openDatabase, type Db } from '../src/lib/server/db/open';
import { BoardStore } from '../src/lib/server/board-store';
import { createBoard } from '../src/lib/server/board-creation';
import { hashPassword } from '../src/lib/server/auth/passwords';
import { generateToken, hashToken } from '../src/lib/server/auth/tokens';
import * as users from '../src/lib/server/repositories/users';
import * as meetings from '../src/lib/server/repositories/meetings';
import * as participants from '../src/lib/server/repositories/participants';
import { addCard } from '../src/lib/board/cards';
import { newId } from '../src/lib/board/ids';
import { linkCards } from '../src/lib/board/links';
import { readBoard } from '../src/lib/board/read';
import { LIMITS } from '../src/lib/board/schema';
import type { Actor } from '../src/lib/board/permissions';
import { checkUpdate, type PolicyLimits } from '../server/yjs/update-policy';
import { BOARD, CHALLENGES, FACILITATOR, MEETING, PARTICIPANTS, SOLUTIONS } from './demo-content';

type Author = Actor & { name: string | null };

const config = readConfig();
const policyLimits: PolicyLimits = {
	maxCardText: config.limits.maxCardText,
	maxTitle: config.limits.maxTitle,
	maxCards: LIMITS.cardsPerBoard
};

async function facilitatorAccount(db: Db, password: string): Promise<users.User> {
	const passwordHash = await hashPassword(password);
	const existing = users.readByEmail(db, FACILITATOR.email);
	if (existing) {
		users.setPasswordHash(db, existing.id, passwordHash);
		return existing;
	}
	return users.create(db, { ...FACILITATOR, passwordHash })!;
}

function demoMeeting(db: Db, ownerId: string): meetings.Meeting {
	const existing = meetings.listByOwner(db, ownerId).find((meeting) => meeting.title === MEETING.title);
	return existing ?? meetings.create(db, ownerId, MEETING);
}

/**
 * Writes a change the way the author's own device would: made on a copy of the board,
 * checked by the server's update policy, logged under the author and applied.
 */
function writeAs(
	store: BoardStore,
	boardId: string,
	board: Y.Doc,
	author: Author,
	change: (doc: Y.Doc) => void
) {
	const device = new Y.Doc();
	Y.applyUpdate(device, Y.encodeStateAsUpdate(board));
	const before = Y.encodeStateVector(device);
	change(device);
	const update = Y.encodeStateAsUpdate(device, before);
	const verdict = checkUpdate(board, update, author, policyLimits);
	if (!verdict.ok) {
		throw new Error(`The server would refuse the sample change by ${author.id}: ${verdict.reason}`);
	}
	store.bindClient(boardId, device.clientID, author.id);
	store.append(boardId, [{ data: update, actorId: author.id }]);
	Y.applyUpdate(board, update);
	device.destroy();
}

function fillBoard(db: Db, store: BoardStore, ownerId: string) {
	const meeting = demoMeeting(db, ownerId);
	const board = createBoard(
		{ db, store },
		{ ...BOARD, meetingId: meeting.id, template: 'challenges-solutions' }
	);
	const authors = new Map<string, Author>();
	for (const sample of PARTICIPANTS) {
		const participant = participants.join(db, {
			boardId: board.id,
			deviceHash: hashToken(generateToken()),
			name: sample.name,
			organisation: sample.organisation,
			role: 'participant'
		});
		authors.set(sample.key, { id: participant.id, role: 'participant', name: participant.name });
	}

	const doc = new Y.Doc();
	store.load(board.id, doc);
	const [challengeColumn, solutionColumn] = readBoard(doc).columns;
	// Cards appear a minute and a half apart, from twenty minutes into the meeting.
	let createdAt = MEETING.startsAt + 20 * 60_000;
	const cardIds = new Map<string, string>();
	for (const card of [...CHALLENGES, ...SOLUTIONS]) {
		const author = authors.get(card.author)!;
		const id = newId();
		cardIds.set(card.key, id);
		createdAt += 90_000;
		const columnId = CHALLENGES.includes(card) ? challengeColumn.id : solutionColumn.id;
		writeAs(store, board.id, doc, author, (device) =>
			addCard(device, {
				id,
				columnId,
				text: card.text,
				authorId: author.id,
				authorName: author.name,
				createdAt
			})
		);
	}
	// Whoever proposed a solution links it to the challenges it answers.
	for (const solution of SOLUTIONS) {
		const author = authors.get(solution.author)!;
		createdAt += 30_000;
		writeAs(store, board.id, doc, author, (device) => {
			for (const challenge of solution.answers) {
				const linked = linkCards(device, {
					solutionId: cardIds.get(solution.key)!,
					challengeId: cardIds.get(challenge)!,
					authorId: author.id,
					createdAt
				});
				if (!linked) throw new Error(`Could not link ${solution.key} to ${challenge}`);
			}
		});
	}
	const content = readBoard(doc);
	doc.destroy();
	return { meeting, board, content };
}

const db = openDatabase(config.databaseFile);
try {
	const password = newId(16);
	const facilitator = await facilitatorAccount(db, password);
	const store = new BoardStore(db);
	// One transaction: a failure leaves no half-filled board behind.
	const { meeting, board, content } = db.transaction(() => fillBoard(db, store, facilitator.id))();
	const joinPath = `/join/${board.joinCode}`;
	console.log(
		[
			`WeDo Board demo loaded into ${config.databaseFile}`,
			'',
			`  Log in as   ${FACILITATOR.email}`,
			`  Password    ${password}`,
			`  Meeting     ${meeting.title}`,
			`  Board       ${board.title} (${content.cards.length} cards, ${content.links.length} links)`,
			`  Join code   ${board.joinCode}`,
			`  Join link   ${joinPath}  (e.g. http://localhost:${config.port}${joinPath})`,
			'',
			'Start the server with `npm start` (with the same DATA_DIR), log in, and open the board;',
			'participants join with the code or the link.'
		].join('\n')
	);
} finally {
	db.close();
}
