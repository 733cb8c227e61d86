/** Input schemas shared by the JSON API and the form actions: one definition of what is acceptable. */
import * as v from 'valibot';
import { LIMITS, TEMPLATES } from '../board/schema';
import { canonicalTimeZone, isWallClock, looksLikeWallClock, wallClockToEpoch } from '../time-zone';

const trimmed = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
const optionalText = (max: number) =>
	v.optional(
		v.pipe(
			v.nullable(trimmed(max)),
			v.transform((value) => (value ? value : null))
		),
		null
	);

export const SignupInput = v.object({
	email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email()),
	password: v.pipe(v.string(), v.minLength(10), v.maxLength(256)),
	name: v.pipe(trimmed(LIMITS.title), v.minLength(1))
});

export const LoginInput = v.object({
	email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254)),
	password: v.pipe(v.string(), v.maxLength(256))
});

/**
 * A moment: epoch milliseconds, an ISO 8601 date-time with `Z` or an offset, or a
 * wall clock without one (what `<input type=datetime-local>` sends), which means
 * that time in the meeting's zone: kept as a string here, resolved in `meetingInput`.
 */
const Moment = v.optional(
	v.nullable(
		v.union([
			v.pipe(v.number(), v.integer()),
			v.pipe(
				v.string(),
				v.trim(),
				v.transform((value) => {
					if (value === '') return null;
					if (looksLikeWallClock(value)) return isWallClock(value) ? value : NaN;
					return Date.parse(value);
				}),
				v.check((value) => typeof value !== 'number' || !Number.isNaN(value))
			)
		])
	),
	null
);

/** An IANA zone this runtime knows (`Intl.supportedValuesOf('timeZone')`), in its canonical spelling. */
const TimeZone = v.pipe(
	v.string(),
	v.check((value) => canonicalTimeZone(value) !== null),
	v.transform((value) => canonicalTimeZone(value)!)
);

/**
 * A meeting from the form or the API. Without `timeZone` it keeps `fallbackZone`
 * (the meeting's own when it is edited, DEFAULT_TIME_ZONE for a new one), and
 * wall clocks are read in the zone the meeting ends up with.
 */
export function meetingInput(fallbackZone: string) {
	return v.pipe(
		v.object({
			title: v.pipe(trimmed(LIMITS.title), v.minLength(1)),
			startsAt: Moment,
			location: optionalText(LIMITS.title),
			description: optionalText(LIMITS.cardText),
			/** When participant data is deleted: the same forms as `startsAt`. */
			retainUntil: Moment,
			timeZone: v.optional(TimeZone, fallbackZone)
		}),
		v.transform(({ startsAt, retainUntil, timeZone, ...rest }) => {
			const inZone = (moment: number | string | null) =>
				typeof moment === 'string' ? wallClockToEpoch(moment, timeZone)! : moment;
			return { ...rest, startsAt: inZone(startsAt), retainUntil: inZone(retainUntil), timeZone };
		})
	);
}

export const BoardInput = v.object({
	title: v.pipe(trimmed(LIMITS.title), v.minLength(1)),
	template: v.optional(v.picklist(TEMPLATES), 'challenges-solutions')
});

export const JoinInput = v.object({
	code: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32)),
	name: optionalText(80),
	organisation: optionalText(LIMITS.title)
});

export type MeetingInputValue = v.InferOutput<ReturnType<typeof meetingInput>>;
