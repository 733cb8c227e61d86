/** Input schemas shared by the JSON API and the form actions: one definition of what is acceptable. */
import * as v from 'valibot';
import { LIMITS, TEMPLATES } from '../board/schema';

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

/** `startsAt` accepts epoch milliseconds or an ISO date-time (what `<input type=datetime-local>` sends). */
const StartsAt = v.optional(
	v.nullable(
		v.union([
			v.pipe(v.number(), v.integer()),
			v.pipe(
				v.string(),
				v.trim(),
				v.transform((value) => (value === '' ? null : Date.parse(value))),
				v.check((value) => value === null || !Number.isNaN(value))
			)
		])
	),
	null
);

export const MeetingInput = v.object({
	title: v.pipe(trimmed(LIMITS.title), v.minLength(1)),
	startsAt: StartsAt,
	location: optionalText(LIMITS.title),
	description: optionalText(LIMITS.cardText),
	/** When participant data is deleted: the same forms as `startsAt`. */
	retainUntil: StartsAt
});

export const BoardInput = v.object({
	title: v.pipe(trimmed(LIMITS.title), v.minLength(1)),
	template: v.optional(v.picklist(TEMPLATES), 'challenges-solutions')
});

export const JoinInput = v.object({
	code: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32)),
	name: optionalText(80),
	organisation: optionalText(LIMITS.title)
});

export type MeetingInputValue = v.InferOutput<typeof MeetingInput>;
