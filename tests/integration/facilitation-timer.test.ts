/**
 * The timer: the server holds its end time (so every device counts down to the
 * same moment), refuses out-of-range values, and keeps it across a restart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { facilitatorWithBoard } from './helpers/flows';
import { fingerprint } from './helpers/database';
import {
	commandReceived,
	connectRecording,
	facilitatedBoard,
	type RecordingClient
} from './helpers/facilitation';
import { startServer } from './helpers/server';
import { useStage } from './helpers/stage';
import { waitFor } from './helpers/yjs';
import type { TimerStatePayload } from '../../src/lib/realtime/events';

const MINUTE = 60_000;

describe('timer commands', () => {
	const stage = useStage();
	let ownerSocket: RecordingClient;
	let amiraSocket: RecordingClient;

	beforeAll(async () => {
		({ ownerSocket, amiraSocket } = await facilitatedBoard(stage));
	});

	/** Sends a command as the facilitator; answers the timer state the participant received for it. */
	function command(event: string, payload: unknown): Promise<TimerStatePayload> {
		return commandReceived(ownerSocket, event, payload, amiraSocket, 'timer:state');
	}

	it('a device learns on connect that no timer runs', async () => {
		expect(await amiraSocket.next('timer:state')).toEqual({
			status: 'idle',
			durationMs: 0,
			serverNow: expect.any(Number)
		});
	});

	it('start: everyone receives the end time and the server’s clock', async () => {
		const before = Date.now();
		const timer = await command('timer:start', { durationMs: 5 * MINUTE });
		expect(timer).toMatchObject({ status: 'running', durationMs: 5 * MINUTE });
		if (timer.status !== 'running') throw new Error('not running');
		expect(timer.endsAt - timer.serverNow).toBeGreaterThan(5 * MINUTE - 1000);
		expect(timer.endsAt).toBeGreaterThanOrEqual(before + 5 * MINUTE - 1000);
	});

	it('pause keeps what is left; resume runs on from there; extend adds; stop clears', async () => {
		const paused = await command('timer:pause', {});
		if (paused.status !== 'paused') throw new Error('not paused');
		expect(paused.remainingMs).toBeGreaterThan(4 * MINUTE);
		expect(paused.remainingMs).toBeLessThanOrEqual(5 * MINUTE);

		const resumed = await command('timer:resume', {});
		if (resumed.status !== 'running') throw new Error('not running');
		expect(resumed.endsAt - resumed.serverNow).toBeLessThanOrEqual(paused.remainingMs);

		const extended = await command('timer:extend', { byMs: MINUTE });
		expect(extended.durationMs).toBe(6 * MINUTE);
		if (extended.status !== 'running') throw new Error('not running');
		expect(extended.endsAt).toBe(resumed.endsAt + MINUTE);

		expect(await command('timer:stop', {})).toMatchObject({ status: 'idle', durationMs: 0 });
	});

	it('pausing or extending no timer, or resuming a running one, is a conflict', async () => {
		for (const [event, payload] of [
			['timer:pause', {}],
			['timer:resume', {}],
			['timer:extend', { byMs: MINUTE }]
		] as const) {
			expect(await ownerSocket.emit(event, payload), event).toMatchObject({
				ok: false,
				error: { code: 'conflict' }
			});
		}
		expect(await ownerSocket.emit('timer:start', { durationMs: MINUTE })).toEqual({ ok: true });
		expect(await ownerSocket.emit('timer:resume', {})).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});
		expect(await ownerSocket.emit('timer:stop', {})).toEqual({ ok: true });
	});

	it('out-of-range and malformed values answer invalid_input and change nothing', async () => {
		const stored = fingerprint(stage.server.databaseFile);
		const timersBefore = amiraSocket.all('timer:state').length;
		for (const [event, payload] of [
			['timer:start', { durationMs: 0 }],
			['timer:start', { durationMs: 4_999 }],
			['timer:start', { durationMs: 3 * 60 * MINUTE + 1 }],
			['timer:start', { durationMs: -MINUTE }],
			['timer:start', { durationMs: 90_000.5 }],
			['timer:start', { durationMs: '60000' }],
			['timer:start', {}],
			['timer:start', null],
			['timer:extend', { byMs: 0 }],
			['timer:extend', { byMs: 61 * MINUTE }],
			['timer:pause', 'now']
		] as const) {
			expect(await ownerSocket.emit(event, payload), `${event} ${JSON.stringify(payload)}`).toEqual({
				ok: false,
				error: { code: 'invalid_input', message: expect.any(String) }
			});
		}
		// Extending past the longest timer is out of range as well.
		expect(await ownerSocket.emit('timer:start', { durationMs: 3 * 60 * MINUTE })).toEqual({ ok: true });
		const running = fingerprint(stage.server.databaseFile);
		expect(await ownerSocket.emit('timer:extend', { byMs: MINUTE })).toMatchObject({
			ok: false,
			error: { code: 'invalid_input' }
		});
		expect(fingerprint(stage.server.databaseFile)).toEqual(running);
		expect(await ownerSocket.emit('timer:stop', {})).toEqual({ ok: true });
		expect(fingerprint(stage.server.databaseFile).board_timers).toEqual(stored.board_timers);
		// The previous test's broadcasts (a one-minute timer) may still arrive late on a busy machine, so
		// the accepted start is told by its length; no refused value may have reached anyone.
		const LONGEST = 3 * 60 * MINUTE;
		const after = () => amiraSocket.all<TimerStatePayload>('timer:state').slice(timersBefore);
		await waitFor(() => {
			const states = after();
			const start = states.findIndex((timer) => timer.status === 'running' && timer.durationMs === LONGEST);
			return start >= 0 && states.slice(start + 1).some((timer) => timer.status === 'idle');
		}, 'the stop');
		expect(
			after().filter((timer) => timer.status !== 'idle' && timer.durationMs !== MINUTE),
			"states broadcast besides the previous test's"
		).toEqual([expect.objectContaining({ status: 'running', durationMs: LONGEST })]);
	});
});

describe('the timer across a restart', () => {
	it('a running and a paused timer come back as they were', async () => {
		let server = await startServer();
		try {
			const owner = await facilitatorWithBoard(server);
			const second = await facilitatorWithBoard(server);
			const socket = await connectRecording(server, owner.board.id, owner.device.cookie);
			expect(await socket.emit('timer:start', { durationMs: 10 * MINUTE })).toEqual({ ok: true });
			const running = await socket.next<TimerStatePayload>(
				'timer:state',
				(timer) => timer.status === 'running'
			);
			socket.close();
			const other = await connectRecording(server, second.board.id, second.device.cookie);
			expect(await other.emit('timer:start', { durationMs: 20 * MINUTE })).toEqual({ ok: true });
			expect(await other.emit('timer:pause', {})).toEqual({ ok: true });
			const paused = await other.next<TimerStatePayload>('timer:state', (timer) => timer.status === 'paused');
			other.close();

			expect(await server.stop()).toEqual({ code: 0, signal: null });
			server = await startServer({ dataDir: server.dataDir });
			for (const device of [owner.device, second.device]) device.baseUrl = server.url;

			const again = await connectRecording(server, owner.board.id, owner.device.cookie);
			const restored = await again.next<TimerStatePayload>('timer:state');
			expect(restored).toMatchObject({ status: 'running', durationMs: 10 * MINUTE });
			if (restored.status !== 'running' || running.status !== 'running') throw new Error('not running');
			expect(restored.endsAt).toBe(running.endsAt);
			again.close();

			const otherAgain = await connectRecording(server, second.board.id, second.device.cookie);
			expect(await otherAgain.next<TimerStatePayload>('timer:state')).toMatchObject({
				status: 'paused',
				durationMs: 20 * MINUTE,
				remainingMs: paused.status === 'paused' ? paused.remainingMs : -1
			});
			otherAgain.close();
		} finally {
			await server.stop();
		}
	}, 60_000);
});
