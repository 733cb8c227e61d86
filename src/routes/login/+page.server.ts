import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { appContext } from '$lib/server/context';
import { logIn } from '$lib/server/accounts';
import { errorMessage } from '$lib/server/error-messages';
import { clientAddress, setSessionCookie } from '$lib/server/http';
import { LOCALE_COOKIE, safeReturnPath } from '$lib/server/locale';
import { LoginInput } from '$lib/server/validation';

export function load({ locals, url }) {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next') ?? '/dashboard'));
}

export const actions = {
	default: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		const email = String(form.email ?? '');
		const parsed = v.safeParse(LoginInput, form);
		if (!parsed.success) return fail(400, { email, error: errorMessage('invalid_credentials') });
		const result = await logIn(appContext(), parsed.output, clientAddress(event));
		if (!result.ok)
			return fail(result.code === 'rate_limited' ? 429 : 400, { email, error: errorMessage(result.code) });
		setSessionCookie(event, result.sessionToken, result.expiresAt);
		// The language chosen in the account follows the facilitator to a new device.
		if (result.user.locale && !event.cookies.get(LOCALE_COOKIE)) {
			event.cookies.set(LOCALE_COOKIE, result.user.locale, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: 365 * 24 * 60 * 60
			});
		}
		redirect(303, safeReturnPath(event.url.searchParams.get('next') ?? '/dashboard'));
	}
};
