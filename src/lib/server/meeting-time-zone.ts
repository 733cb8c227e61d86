/**
 * The zone the server writes a meeting's times in, whatever zone its own process
 * runs in: the meeting's, else DEFAULT_TIME_ZONE (meetings from before zones were
 * kept, boards without a meeting, outcome versions stored before). Relative imports only.
 */
import { appContext } from './context';
import type { Meeting } from './repositories/meetings';
import type { OutcomeDocument } from '../outcome/format';

export function defaultTimeZone(): string {
	return appContext().config.defaultTimeZone;
}

/** `fallback` for callers that hold their context rather than the global one. */
export function meetingTimeZone(
	meeting: Pick<Meeting, 'timeZone'> | null | undefined,
	fallback = defaultTimeZone
): string {
	return meeting?.timeZone ?? fallback();
}

/** An outcome keeps the zone its meeting had when the board was finished. */
export function outcomeTimeZone(document: OutcomeDocument): string {
	return document.meeting.timeZone ?? defaultTimeZone();
}
