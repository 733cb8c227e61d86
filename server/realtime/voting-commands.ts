/**
 * Dot voting over socket.io. Votes belong to the server: it checks budget and
 * maximum per card in one transaction, and tells each device only what it may
 * know — its own dots until the facilitator reveals the totals (facilitators
 * see the totals all along, to steer).
 */
import * as v from 'valibot';
import type { Namespace } from 'socket.io';
import type { AppContext } from '../../src/lib/server/context';
import * as boards from '../../src/lib/server/repositories/boards';
import type { Board } from '../../src/lib/server/repositories/boards';
import * as votes from '../../src/lib/server/repositories/votes';
import { cardsOf, clustersOf } from '../../src/lib/board/schema';
import { mayVote, VOTE_RANGE, type CastRefusal, type VoteSettings } from '../../src/lib/board/voting';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { currentAccess, facilitatorAccess, FORBIDDEN, isRefusal, type Refusal } from './command-guard';
import { refusal } from './command';
import { readBoardDoc, type LiveRooms } from './live-rooms';
import { roomOf, type BoardSocket, type SocketData } from './socket-server';

const Count = v.pipe(v.number(), v.integer(), v.minValue(VOTE_RANGE.min), v.maxValue(VOTE_RANGE.max));
const ConfigureInput = v.object({ budget: Count, maxPerCard: Count, perOrganisation: v.boolean() });
const TargetInput = v.object({ targetId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

const CAST_REFUSALS: Record<CastRefusal, Refusal> = {
	voting_closed: refusal('voting_closed', 'Voting is not open.'),
	budget_exhausted: refusal('budget_exhausted', 'All your dots are placed. Take one back to vote elsewhere.'),
	max_per_card: refusal('max_per_card', 'This card or cluster already has the most dots you may give it.')
};
const NO_BOARD = refusal('not_found', 'The board no longer exists.');
const NO_TARGET = refusal('not_found', 'There is no such card or cluster on this board.');

type BoardNamespace = Namespace<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/** Cards and clusters that exist now: only these can receive dots, and only dots on these count. */
function liveTargets(rooms: LiveRooms, board: Board): Set<string> {
	return readBoardDoc(rooms, board, (doc) => new Set([...cardsOf(doc).keys(), ...clustersOf(doc).keys()]));
}

/**
 * Sends each device of the board what it may know: settings to all, totals to
 * facilitators (to everyone once revealed), own dots to the participants in `voters`
 * (everyone when omitted, e.g. after the budget changed).
 */
export async function publishVotes(
	nsp: BoardNamespace,
	context: AppContext,
	rooms: LiveRooms,
	boardId: string,
	voters?: readonly string[]
): Promise<void> {
	const board = boards.read(context.db, boardId);
	if (!board) return;
	const settings = votes.readSettings(context.db, boardId);
	const live = liveTargets(rooms, board);
	const totals = votes.totals(context.db, boardId, live);
	for (const socket of await nsp.in(roomOf(boardId)).fetchSockets()) {
		const { role, actorId } = socket.data.access;
		if (role === 'facilitator' || settings.revealed) socket.emit('votes:results', { totals });
		if (role === 'participant' && (!voters || voters.includes(actorId))) {
			socket.emit('votes:mine', votes.dotsOf(context.db, boardId, actorId, settings, live));
		}
	}
}

/** The vote state a device receives when it connects, filtered by its role like every later change. */
function sendVoteState(socket: BoardSocket, context: AppContext, rooms: LiveRooms): void {
	const { board, role, actorId } = socket.data.access;
	const settings = votes.readSettings(context.db, board.id);
	socket.emit('votes:settings', settings);
	if (role !== 'facilitator' && role !== 'participant' && !settings.revealed) return;
	const current = boards.read(context.db, board.id);
	if (!current) return;
	const live = liveTargets(rooms, current);
	if (role === 'facilitator' || settings.revealed) {
		socket.emit('votes:results', { totals: votes.totals(context.db, board.id, live) });
	}
	if (role === 'participant')
		socket.emit('votes:mine', votes.dotsOf(context.db, board.id, actorId, settings, live));
}

export function registerVotingCommands(socket: BoardSocket, context: AppContext, rooms: LiveRooms): void {
	const boardId = socket.data.access.board.id;
	sendVoteState(socket, context, rooms);

	function saveAndPublish(settings: VoteSettings): void {
		votes.saveSettings(context.db, boardId, settings);
		socket.nsp.to(roomOf(boardId)).emit('votes:settings', settings);
		void publishVotes(socket.nsp, context, rooms, boardId);
	}

	/** A facilitator's switch of one setting: no input beyond the command itself. */
	function onSwitch(
		event: 'votes:open' | 'votes:close' | 'votes:reveal' | 'votes:hide',
		change: Partial<VoteSettings>
	) {
		socket.on(event, (_input, ack) => {
			if (typeof ack !== 'function') return;
			const access = facilitatorAccess(context, socket);
			if (isRefusal(access)) return ack(access);
			if (!boards.read(context.db, boardId)) return ack(NO_BOARD);
			saveAndPublish({ ...votes.readSettings(context.db, boardId), ...change });
			ack({ ok: true });
		});
	}

	socket.on('votes:configure', (input, ack) => {
		if (typeof ack !== 'function') return;
		const access = facilitatorAccess(context, socket);
		if (isRefusal(access)) return ack(access);
		const parsed = v.safeParse(ConfigureInput, input);
		if (!parsed.success) {
			return ack(
				refusal(
					'invalid_input',
					`Budget and maximum per card are whole numbers from ${VOTE_RANGE.min} to ${VOTE_RANGE.max}.`
				)
			);
		}
		if (!boards.read(context.db, boardId)) return ack(NO_BOARD);
		saveAndPublish({ ...votes.readSettings(context.db, boardId), ...parsed.output });
		ack({ ok: true });
	});
	onSwitch('votes:open', { open: true });
	onSwitch('votes:close', { open: false });
	onSwitch('votes:reveal', { revealed: true });
	onSwitch('votes:hide', { revealed: false });

	/** Checks a participant's vote command up to the target; answers the refusal or the context to act in. */
	function voteContext(input: unknown) {
		const access = currentAccess(context, socket);
		if (!access || access.role !== 'participant') return FORBIDDEN;
		const parsed = v.safeParse(TargetInput, input);
		if (!parsed.success) return refusal('invalid_input', 'Name the card or cluster with "targetId".');
		const board = boards.read(context.db, boardId);
		if (!board) return NO_BOARD;
		// Its outcome holds the dots as they were when it was finished.
		if (board.finished) return refusal('conflict', 'A finished board cannot be changed.');
		const settings = votes.readSettings(context.db, boardId);
		if (!mayVote(access.role, board.phase, settings)) return CAST_REFUSALS.voting_closed;
		const live = liveTargets(rooms, board);
		if (!live.has(parsed.output.targetId)) return NO_TARGET;
		return { voterId: access.actorId, targetId: parsed.output.targetId, live, settings };
	}

	function afterVote(voterId: string, settings: VoteSettings): void {
		const holder = votes.budgetHolder(context.db, boardId, voterId, settings.perOrganisation);
		void publishVotes(socket.nsp, context, rooms, boardId, holder);
	}

	socket.on('vote:cast', (input, ack) => {
		if (typeof ack !== 'function') return;
		const vote = voteContext(input);
		if (isRefusal(vote)) return ack(vote);
		const result = votes.cast(context.db, {
			boardId,
			voterId: vote.voterId,
			targetId: vote.targetId,
			liveTargets: vote.live
		});
		if (!result.ok) return ack(CAST_REFUSALS[result.reason]);
		afterVote(vote.voterId, vote.settings);
		ack({ ok: true });
	});

	socket.on('vote:retract', (input, ack) => {
		if (typeof ack !== 'function') return;
		const vote = voteContext(input);
		if (isRefusal(vote)) return ack(vote);
		if (!votes.retract(context.db, boardId, vote.voterId, vote.targetId)) {
			return ack(refusal('not_found', 'You have no dot there to take back.'));
		}
		afterVote(vote.voterId, vote.settings);
		ack({ ok: true });
	});
}
