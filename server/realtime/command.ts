/** The answer every refused command gives, in one shape: `{ok:false, error:{code, message}}`. */
import * as v from 'valibot';
import type { ErrorCode } from '../../src/lib/realtime/events';

export function refusal(
	code: ErrorCode,
	message: string
): { ok: false; error: { code: ErrorCode; message: string } } {
	return { ok: false, error: { code, message } };
}

/** Commands without arguments still take an object, so that every command reads alike. */
export const NoInput = v.object({});
