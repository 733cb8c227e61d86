/** Helpers for the JSON API: the contract's error shape, body parsing and cookies. */
import { json, type Cookies, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { SESSION_COOKIE, invalidateSession } from './auth/sessions';
import { hashToken } from './auth/tokens';
import { appContext } from './context';
import { DEVICE_COOKIE } from './access';
import { errorMessage, type ApiErrorCode } from './error-messages';

export function apiError(status: number, code: ApiErrorCode): Response {
	return json({ error: { code, message: errorMessage(code) } }, { status });
}

const STATUS: Record<ApiErrorCode, number> = {
	invalid_input: 400,
	unauthenticated: 401,
	invalid_credentials: 401,
	forbidden: 403,
	not_found: 404,
	email_taken: 409,
	conflict: 409,
	payload_too_large: 413,
	rate_limited: 429,
	internal: 500,
	// The server lacks something it needs for this (Chromium, an SMTP server): try again once it is set up.
	pdf_unavailable: 503,
	mail_not_configured: 503,
	// The SMTP server refused or could not be reached.
	mail_failed: 502,
	// A share link its facilitator withdrew.
	share_revoked: 410
};

export function apiErrorFor(code: ApiErrorCode): Response {
	return apiError(STATUS[code], code);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads a JSON body against a schema; malformed JSON and invalid fields both answer 400 `invalid_input`. */
export async function readJson<TSchema extends v.GenericSchema>(
	request: Request,
	schema: TSchema
): Promise<Parsed<v.InferOutput<TSchema>>> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return { ok: false, response: apiErrorFor('invalid_input') };
	}
	const parsed = v.safeParse(schema, body);
	if (!parsed.success) return { ok: false, response: apiErrorFor('invalid_input') };
	return { ok: true, value: parsed.output };
}

function secure(event: Pick<RequestEvent, 'url'>): boolean {
	return event.url.protocol === 'https:';
}

export function setSessionCookie(
	event: Pick<RequestEvent, 'url' | 'cookies'>,
	token: string,
	expiresAt: number
): void {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(event),
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** Logs out: the session is invalidated on the server, not only forgotten by the browser. */
export function endSession(cookies: Cookies): void {
	const token = cookies.get(SESSION_COOKIE);
	if (token) invalidateSession(appContext().db, hashToken(token));
	clearSessionCookie(cookies);
}

/** The participant device cookie lasts a year: a returning participant is recognised at the next meeting's board too. */
export function setDeviceCookie(event: Pick<RequestEvent, 'url' | 'cookies'>, token: string): void {
	event.cookies.set(DEVICE_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(event),
		maxAge: 365 * 24 * 60 * 60
	});
}

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** The public join link; ORIGIN wins behind a proxy. */
export function joinUrl(origin: string, code: string): string {
	return `${origin.replace(/\/$/, '')}/join/${code}`;
}
