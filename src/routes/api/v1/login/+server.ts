import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { logIn } from '$lib/server/accounts';
import { apiErrorFor, clientAddress, readJson, setSessionCookie } from '$lib/server/http';
import { LoginInput } from '$lib/server/validation';

export async function POST(event) {
	const input = await readJson(event.request, LoginInput);
	if (!input.ok) return input.response;
	const result = await logIn(appContext(), input.value, clientAddress(event));
	if (!result.ok) return apiErrorFor(result.code);
	setSessionCookie(event, result.sessionToken, result.expiresAt);
	const { id, email, name } = result.user;
	return json({ user: { id, email, name } });
}
