import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { appContext } from '$lib/server/context';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { hashToken } from '$lib/server/auth/tokens';
import { DEVICE_COOKIE } from '$lib/server/access';
import { apiErrorFor, clearSessionCookie, setSessionCookie } from '$lib/server/http';
import { isAllowedOrigin } from '$lib/server/same-origin';
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF for the JSON API: SvelteKit checks the origin of form posts only, so a
 * state-changing /api/v1 request that a browser marks as coming from another
 * site is refused here. The session cookie is SameSite=Lax on top.
 */
const handleCrossSiteApi: Handle = ({ event, resolve }) => {
	const { request } = event;
	if (event.url.pathname.startsWith('/api/') && !SAFE_METHODS.has(request.method)) {
		const allowed = isAllowedOrigin(request.headers.get('origin'), {
			host: request.headers.get('host') ?? event.url.host,
			publicOrigin: appContext().config.origin
		});
		if (!allowed) return apiErrorFor('forbidden');
	}
	return resolve(event);
};

export const handle = sequence(handleSecurityHeaders, handleIdentity, handleLocale, handleCrossSiteApi);
