/**
 * The facilitator's controls for a live workshop: the plan of phases and the
 * step the board is on, the timer and the spotlight. Each is stored in SQLite,
 * broadcast to everyone on the board and sent to every device as it connects.
 */
import * as v from 'valibot';
import type { AppContext } from '../../src/lib/server/context';
import * as boards from '../../src/lib/server/repositories/boards';
import type { Board } from '../../src/lib/server/repositories/boards';
import * as phases from '../../src/lib/server/repositories/phases';
import * as timers from '../../src/lib/server/repositories/timers';
import * as spotlights from '../../src/lib/server/repositories/spotlights';
import { MAX_PLAN_STEPS, PHASES } from '../../src/lib/board/phases';
import { cardsOf, clustersOf } from '../../src/lib/board/schema';
import {
	TIMER_LIMITS,
	extendTimer,
	pauseTimer,
	resumeTimer,
	startTimer,
	timerPayload,
	type TimerResult
} from '../../src/lib/realtime/timer';
import type { Ack } from '../../src/lib/realtime/events';
import { NoInput, refusal } from './command';
import { facilitatorCommand } from './command-guard';
import { roomOf, type BoardSocket } from './socket-server';

const StepIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_PLAN_STEPS - 1));
const PlanInput = v.object({
	phases: v.pipe(v.array(v.picklist(PHASES)), v.minLength(1), v.maxLength(MAX_PLAN_STEPS)),
	index: v.optional(StepIndex)
});
const GoInput = v.object({ index: StepIndex });
const StartInput = v.object({
	durationMs: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(TIMER_LIMITS.minDurationMs),
		v.maxValue(TIMER_LIMITS.maxDurationMs)
	)
});
const ExtendInput = v.object({
	byMs: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(TIMER_LIMITS.minExtendMs),
		v.maxValue(TIMER_LIMITS.maxExtendMs)
	)
});
const SpotlightInput = v.object({
	kind: v.picklist(['card', 'cluster']),
	id: v.pipe(v.string(), v.minLength(1), v.maxLength(64))
});

const BOARD_GONE = refusal('not_found', 'The board no longer exists.');
const FINISHED = refusal('conflict', 'The board is finished: its phases no longer change.');
const NOT_IN_PLAN = refusal('invalid_input', 'The plan has no step with this number.');

/** Sends a device that just connected the timer and the spotlight as they are now. */
export function sendFacilitationState(socket: BoardSocket, context: AppContext): void {
	const boardId = socket.data.access.board.id;
	socket.emit('timer:state', timerPayload(timers.read(context.db, boardId), Date.now()));
	socket.emit('spotlight:state', { spotlight: spotlights.read(context.db, boardId) });
}

export function registerFacilitationCommands(
	socket: BoardSocket,
	context: AppContext,
	onBoardChanged: (board: Board) => void
): void {
	const { db } = context;
	const boardId = socket.data.access.board.id;
	const everyone = () => socket.nsp.to(roomOf(boardId));

	const command = <TSchema extends v.GenericSchema>(
		schema: TSchema,
		invalidMessage: string,
		run: (input: v.InferOutput<TSchema>) => Ack
	) => facilitatorCommand(context, socket, schema, invalidMessage, run);

	/** Runs `change` on the board as stored now, then tells every device (and the Yjs room) the new state. */
	function changeBoard(change: (board: Board) => Ack): Ack {
		const board = boards.read(db, boardId);
		if (!board) return BOARD_GONE;
		if (board.finished) return FINISHED;
		const result = change(board);
		if (result.ok) onBoardChanged(boards.read(db, boardId)!);
		return result;
	}

	socket.on(
		'phase:set-plan',
		command(PlanInput, 'A plan is 1 to 20 known phases.', (input) =>
			changeBoard((board) => {
				const index = input.index ?? Math.min(board.phaseIndex, input.phases.length - 1);
				if (index >= input.phases.length) return NOT_IN_PLAN;
				phases.setPlan(db, boardId, input.phases, index);
				return { ok: true };
			})
		)
	);

	socket.on(
		'phase:go',
		command(GoInput, '"index" must be a step number.', ({ index }) =>
			changeBoard((board) => {
				if (index >= board.phasePlan.length) return NOT_IN_PLAN;
				phases.goTo(db, boardId, board.phasePlan, index);
				return { ok: true };
			})
		)
	);

	/** Applies a timer transition to the stored timer; the board must still exist. */
	function changeTimer(transition: (now: number) => TimerResult | null): Ack {
		if (!boards.read(db, boardId)) return BOARD_GONE;
		const now = Date.now();
		const result = transition(now);
		if (result === null) timers.clear(db, boardId);
		else if (result.ok) timers.write(db, boardId, result.timer);
		else return refusal(result.code, result.message);
		everyone().emit('timer:state', timerPayload(timers.read(db, boardId), now));
		return { ok: true };
	}

	const stored = () => timers.read(db, boardId);
	const durationMessage = 'The duration must be 5 seconds to 3 hours, in milliseconds.';
	socket.on(
		'timer:start',
		command(StartInput, durationMessage, ({ durationMs }) =>
			changeTimer((now) => ({ ok: true, timer: startTimer(durationMs, now) }))
		)
	);
	socket.on(
		'timer:pause',
		command(NoInput, 'Send {}.', () => changeTimer((now) => pauseTimer(stored(), now)))
	);
	socket.on(
		'timer:resume',
		command(NoInput, 'Send {}.', () => changeTimer((now) => resumeTimer(stored(), now)))
	);
	socket.on(
		'timer:extend',
		command(ExtendInput, '"byMs" must be 1 second to 1 hour, in milliseconds.', ({ byMs }) =>
			changeTimer((now) => extendTimer(stored(), byMs, now))
		)
	);
	socket.on(
		'timer:stop',
		command(NoInput, 'Send {}.', () => changeTimer(() => null))
	);

	socket.on(
		'spotlight:set',
		command(SpotlightInput, 'A spotlight names a card or a cluster by its id.', (target) => {
			if (!boards.read(db, boardId)) return BOARD_GONE;
			const exists = context.live.readDoc(boardId, (doc) =>
				(target.kind === 'card' ? cardsOf(doc) : clustersOf(doc)).has(target.id)
			);
			if (!exists) return refusal('not_found', `There is no such ${target.kind} on this board.`);
			spotlights.write(db, boardId, target);
			everyone().emit('spotlight:state', { spotlight: { kind: target.kind, id: target.id } });
			return { ok: true };
		})
	);
	socket.on(
		'spotlight:clear',
		command(NoInput, 'Send {}.', () => {
			if (!boards.read(db, boardId)) return BOARD_GONE;
			spotlights.clear(db, boardId);
			everyone().emit('spotlight:state', { spotlight: null });
			return { ok: true };
		})
	);
}
