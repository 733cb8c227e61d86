import { appContext } from '$lib/server/context';
import { SESSION_COOKIE, invalidateSession } from '$lib/server/auth/sessions';
import { hashToken } from '$lib/server/auth/tokens';
import { clearSessionCookie } from '$lib/server/http';

export function POST({ cookies }) {
	const token = cookies.get(SESSION_COOKIE);
	if (token) invalidateSession(appContext().db, hashToken(token));
	clearSessionCookie(cookies);
	return new Response(null, { status: 204 });
}
