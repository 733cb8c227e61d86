import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { appContext } from '$lib/server/context';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { hashToken } from '$lib/server/auth/tokens';
import { DEVICE_COOKIE } from '$lib/server/access';
import { clearSessionCookie, setSessionCookie } from '$lib/server/http';
import { textDirection } from '$lib/i18n';

const handleIdentity: Handle = async ({ event, resolve }) => {
	const { db } = appContext();
	const sessionToken = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	if (sessionToken) {
		const validated = validateSessionToken(db, sessionToken);
		if (validated) {
			event.locals.user = validated.user;
			if (validated.renewed) setSessionCookie(event, sessionToken, validated.session.expiresAt);
		} else {
			clearSessionCookie(event.cookies);
		}
	}
	const deviceToken = event.cookies.get(DEVICE_COOKIE);
	event.locals.deviceHash = deviceToken ? hashToken(deviceToken) : null;
	return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', textDirection(locale))
		});
	});

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

export const handle = sequence(handleSecurityHeaders, handleIdentity, handleLocale);
