import { describe, expect, it } from 'vitest';
import {
	TIMER_LIMITS,
	extendTimer,
	formatCountdown,
	pauseTimer,
	remainingMs,
	resumeTimer,
	startTimer,
	timerPayload
} from './timer';

const T0 = 1_700_000_000_000;

describe('timer transitions', () => {
	it('runs, pauses with what is left, and resumes from there', () => {
		const running = startTimer(60_000, T0);
		expect(running).toEqual({ status: 'running', durationMs: 60_000, endsAt: T0 + 60_000 });
		const paused = pauseTimer(running, T0 + 20_000);
		expect(paused).toEqual({
			ok: true,
			timer: { status: 'paused', durationMs: 60_000, remainingMs: 40_000 }
		});
		const resumed = resumeTimer(paused.ok ? paused.timer : undefined, T0 + 100_000);
		expect(resumed).toEqual({
			ok: true,
			timer: { status: 'running', durationMs: 60_000, endsAt: T0 + 140_000 }
		});
	});

	it('refuses to pause what is not running or has run out, and to resume what is not paused', () => {
		expect(pauseTimer(undefined, T0)).toMatchObject({ ok: false, code: 'conflict' });
		expect(pauseTimer(startTimer(10_000, T0), T0 + 10_000)).toMatchObject({ ok: false, code: 'conflict' });
		expect(resumeTimer(startTimer(10_000, T0), T0)).toMatchObject({ ok: false, code: 'conflict' });
		expect(resumeTimer(undefined, T0)).toMatchObject({ ok: false, code: 'conflict' });
	});

	it('extends a running, a paused and a run-out timer', () => {
		expect(extendTimer(startTimer(60_000, T0), 30_000, T0 + 10_000)).toEqual({
			ok: true,
			timer: { status: 'running', durationMs: 90_000, endsAt: T0 + 90_000 }
		});
		expect(extendTimer({ status: 'paused', durationMs: 60_000, remainingMs: 5_000 }, 60_000, T0)).toEqual({
			ok: true,
			timer: { status: 'paused', durationMs: 120_000, remainingMs: 65_000 }
		});
		// Run out two minutes ago: the minute added starts now.
		expect(extendTimer(startTimer(60_000, T0), 60_000, T0 + 180_000)).toEqual({
			ok: true,
			timer: { status: 'running', durationMs: 120_000, endsAt: T0 + 240_000 }
		});
	});

	it('refuses to extend nothing, or past the longest timer', () => {
		expect(extendTimer(undefined, 60_000, T0)).toMatchObject({ ok: false, code: 'conflict' });
		const long = startTimer(TIMER_LIMITS.maxDurationMs, T0);
		expect(extendTimer(long, 1_000, T0)).toMatchObject({ ok: false, code: 'invalid_input' });
	});
});

describe('the countdown on a device', () => {
	it('counts down to the server’s end time, corrected by the clock offset', () => {
		const payload = timerPayload(startTimer(60_000, T0), T0);
		// This device's clock is 5 s behind the server's.
		const offset = 5_000;
		expect(remainingMs(payload, T0 - 5_000 + 10_000, offset)).toBe(50_000);
		expect(remainingMs(payload, T0 + 120_000, offset)).toBe(0);
	});

	it('shows a paused timer’s remaining time and nothing for no timer', () => {
		expect(remainingMs(timerPayload({ status: 'paused', durationMs: 1, remainingMs: 42 }, T0), T0, 0)).toBe(
			42
		);
		const idle = timerPayload(undefined, T0);
		expect(idle).toEqual({ status: 'idle', durationMs: 0, serverNow: T0 });
		expect(remainingMs(idle, T0, 0)).toBeNull();
	});
});

describe('formatCountdown', () => {
	it('shows minutes and seconds, rounding up, and hours from an hour on', () => {
		expect(formatCountdown(300_000)).toBe('5:00');
		expect(formatCountdown(59_001)).toBe('1:00');
		expect(formatCountdown(1)).toBe('0:01');
		expect(formatCountdown(0)).toBe('0:00');
		expect(formatCountdown(-5)).toBe('0:00');
		expect(formatCountdown(3_723_000)).toBe('1:02:03');
	});
});
