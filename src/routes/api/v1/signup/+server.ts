import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { signUp } from '$lib/server/accounts';
import { apiErrorFor, readJson, setSessionCookie } from '$lib/server/http';
import { SignupInput } from '$lib/server/validation';
import { getLocale } from '$lib/paraglide/runtime';

export async function POST(event) {
	const input = await readJson(event.request, SignupInput);
	if (!input.ok) return input.response;
	const result = await signUp(appContext(), { ...input.value, locale: getLocale() });
	if (!result.ok) return apiErrorFor(result.code);
	setSessionCookie(event, result.sessionToken, result.expiresAt);
	const { id, email, name } = result.user;
	return json({ user: { id, email, name } }, { status: 201 });
}
