import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import * as users from '$lib/server/repositories/users';
import { baseLocale, isLocale } from '$lib/paraglide/runtime';
import { LOCALE_COOKIE, safeReturnPath } from '$lib/server/locale';

export const actions = {
	default: async ({ request, cookies, locals, url }) => {
		const form = await request.formData();
		const requested = String(form.get('locale') ?? '');
		const locale = isLocale(requested) ? requested : baseLocale;
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 365 * 24 * 60 * 60
		});
		if (locals.user) users.setLocale(appContext().db, locals.user.id, locale);
		redirect(303, safeReturnPath(form.get('returnTo')));
	}
};
