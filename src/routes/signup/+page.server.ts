import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { appContext } from '$lib/server/context';
import { signUp } from '$lib/server/accounts';
import { errorMessage } from '$lib/server/error-messages';
import { setSessionCookie } from '$lib/server/http';
import { SignupInput } from '$lib/server/validation';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

export function load({ locals }) {
	if (locals.user) redirect(303, '/dashboard');
}

export const actions = {
	default: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		const values = { email: String(form.email ?? ''), name: String(form.name ?? '') };
		const parsed = v.safeParse(SignupInput, form);
		if (!parsed.success) {
			const field = v.flatten<typeof SignupInput>(parsed.issues).nested ?? {};
			return fail(400, {
				values,
				errors: {
					email: field.email ? m.signup_email_invalid() : undefined,
					password: field.password ? m.signup_password_short() : undefined,
					name: field.name ? m.signup_name_missing() : undefined
				}
			});
		}
		const result = await signUp(appContext(), { ...parsed.output, locale: getLocale() });
		if (!result.ok) {
			return fail(409, {
				values,
				errors: { email: errorMessage(result.code), password: undefined, name: undefined }
			});
		}
		setSessionCookie(event, result.sessionToken, result.expiresAt);
		redirect(303, '/dashboard');
	}
};
