/**
 * The facilitator's timer, as pure transitions over what the server stores and
 * the countdown every device computes from it. The server holds the moment the
 * timer ends, not a ticking count, so a restart or a reconnect loses nothing.
 */
import type { TimerStatePayload } from './events';

export type Timer =
	| { status: 'running'; durationMs: number; endsAt: number }
	| { status: 'paused'; durationMs: number; remainingMs: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Longer than a workshop block or shorter than a breath is a typo. */
export const TIMER_LIMITS = {
	minDurationMs: 5 * SECOND,
	maxDurationMs: 3 * 60 * MINUTE,
	minExtendMs: SECOND,
	maxExtendMs: 60 * MINUTE
} as const;

export type TimerResult =
	{ ok: true; timer: Timer } | { ok: false; code: 'conflict' | 'invalid_input'; message: string };

const conflict = (message: string): TimerResult => ({ ok: false, code: 'conflict', message });

export function startTimer(durationMs: number, now: number): Timer {
	return { status: 'running', durationMs, endsAt: now + durationMs };
}

export function pauseTimer(timer: Timer | undefined, now: number): TimerResult {
	if (timer?.status !== 'running') return conflict('The timer is not running.');
	if (timer.endsAt <= now) return conflict('The timer has already run out.');
	return {
		ok: true,
		timer: { status: 'paused', durationMs: timer.durationMs, remainingMs: timer.endsAt - now }
	};
}

export function resumeTimer(timer: Timer | undefined, now: number): TimerResult {
	if (timer?.status !== 'paused') return conflict('The timer is not paused.');
	return {
		ok: true,
		timer: { status: 'running', durationMs: timer.durationMs, endsAt: now + timer.remainingMs }
	};
}

/** Adds time; a timer that has run out starts again from now with the added time. */
export function extendTimer(timer: Timer | undefined, byMs: number, now: number): TimerResult {
	if (!timer) return conflict('There is no timer to extend.');
	const remaining = timer.status === 'running' ? Math.max(timer.endsAt - now, 0) : timer.remainingMs;
	if (remaining + byMs > TIMER_LIMITS.maxDurationMs) {
		return { ok: false, code: 'invalid_input', message: 'A timer runs at most 3 hours.' };
	}
	const durationMs = timer.durationMs + byMs;
	return {
		ok: true,
		timer:
			timer.status === 'running'
				? { status: 'running', durationMs, endsAt: now + remaining + byMs }
				: { status: 'paused', durationMs, remainingMs: remaining + byMs }
	};
}

export function timerPayload(timer: Timer | undefined, serverNow: number): TimerStatePayload {
	if (!timer) return { status: 'idle', durationMs: 0, serverNow };
	return { ...timer, serverNow };
}

/**
 * Milliseconds left as a device sees it; `clockOffset` is the server's clock
 * minus the device's, learnt from `serverNow`. Null when no timer is set.
 */
export function remainingMs(timer: TimerStatePayload, deviceNow: number, clockOffset: number): number | null {
	switch (timer.status) {
		case 'idle':
			return null;
		case 'paused':
			return timer.remainingMs;
		case 'running':
			return Math.max(timer.endsAt - (deviceNow + clockOffset), 0);
	}
}

/** m:ss, or h:mm:ss from an hour on; seconds round up, so 0:00 shows only once time is up. */
export function formatCountdown(ms: number): string {
	const total = Math.ceil(Math.max(ms, 0) / 1000);
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = String(total % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
