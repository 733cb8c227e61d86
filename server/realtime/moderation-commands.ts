/**
 * Moderation, for facilitators: list who joined, remove a participant for good
 * (their live connections close at once and they cannot rejoin), and undo
 * everything a participant did on the board (server/yjs/actor-undo.ts).
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import type { AppContext } from '../../src/lib/server/context';
import * as boards from '../../src/lib/server/repositories/boards';
import * as participants from '../../src/lib/server/repositories/participants';
import type { Ack, ParticipantSummary } from '../../src/lib/realtime/events';
import type { BoardRegistry } from '../yjs/board-registry';
import type { DraftRooms } from '../yjs/draft-rooms';
import { revertActor } from '../yjs/actor-undo';
import { CLOSE } from '../yjs/close-codes';
import type { Logger } from '../log';
import { NoInput, refusal } from './command';
import { facilitatorCommand } from './command-guard';
import { disconnectSockets, type BoardIo, type BoardSocket } from './socket-server';

const ParticipantInput = v.object({ participantId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });
const PARTICIPANT_MESSAGE = '"participantId" must name a participant of this board.';
const UNKNOWN_PARTICIPANT = refusal('not_found', 'No such participant on this board.');
const BOARD_GONE = refusal('not_found', 'The board no longer exists.');
const FINISHED = refusal('conflict', 'The board is finished: its content no longer changes.');

export interface ModerationDeps {
	io: BoardIo;
	registry: BoardRegistry;
	drafts: DraftRooms;
	log: Logger;
}

export function registerModerationCommands(
	socket: BoardSocket,
	context: AppContext,
	deps: ModerationDeps
): void {
	const { db } = context;
	const boardId = socket.data.access.board.id;

	const command = <TSchema extends v.GenericSchema, TResult extends object>(
		schema: TSchema,
		invalidMessage: string,
		run: (input: v.InferOutput<TSchema>, facilitatorId: string) => Ack<TResult>
	) => facilitatorCommand(context, socket, schema, invalidMessage, run);

	function online(): Set<string> {
		const ids = deps.registry.loaded(boardId)?.connectedActorIds() ?? new Set<string>();
		for (const other of deps.io.of('/').sockets.values()) {
			if (other.data.access?.board.id === boardId) ids.add(other.data.access.actorId);
		}
		return ids;
	}

	socket.on(
		'participants:list',
		command(NoInput, 'This command takes no arguments.', () => {
			const connected = online();
			const list: ParticipantSummary[] = participants.listAllOnBoard(db, boardId).map((participant) => ({
				id: participant.id,
				name: participant.name,
				organisation: participant.organisation,
				role: participant.role,
				removed: participant.removed,
				online: !participant.removed && connected.has(participant.id)
			}));
			return { ok: true, participants: list };
		})
	);

	socket.on(
		'participant:remove',
		command(ParticipantInput, PARTICIPANT_MESSAGE, ({ participantId }, facilitatorId) => {
			const participant = participants.readById(db, boardId, participantId);
			if (!participant) return UNKNOWN_PARTICIPANT;
			participants.markRemoved(db, participantId);
			deps.registry.loaded(boardId)?.disconnectActor(participantId, CLOSE.removed, 'removed');
			deps.drafts.disconnect(boardId, participantId, CLOSE.removed, 'removed');
			disconnectSockets(deps.io, boardId, [participantId]);
			deps.log.info({ boardId, participantId, by: facilitatorId }, 'participant removed');
			return { ok: true };
		})
	);

	socket.on(
		'participant:undo',
		command(ParticipantInput, PARTICIPANT_MESSAGE, ({ participantId }, facilitatorId) => {
			if (!participants.readById(db, boardId, participantId)) return UNKNOWN_PARTICIPANT;
			const board = boards.read(db, boardId);
			if (!board) return BOARD_GONE;
			if (board.finished) return FINISHED;
			// The room holds every stored update (they are stored before they are applied), so the
			// reversion computed from the log fits the live document exactly.
			const room = deps.registry.open(boardId, board);
			try {
				const reversion = revertActor(context.store.history(boardId), participantId);
				if (reversion) room.change((doc) => Y.applyUpdate(doc, reversion.update), facilitatorId);
				deps.log.info(
					{ boardId, participantId, by: facilitatorId, reverted: reversion?.updates ?? 0 },
					'participant undone'
				);
				return { ok: true, reverted: reversion?.updates ?? 0 };
			} finally {
				deps.registry.released(boardId);
			}
		})
	);
}
