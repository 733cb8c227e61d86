import { redirect } from '@sveltejs/kit';
import { normaliseJoinCode } from '$lib/server/repositories/boards';

export function load({ url }) {
	const code = url.searchParams.get('code');
	if (code && normaliseJoinCode(code)) redirect(303, `/join/${encodeURIComponent(normaliseJoinCode(code))}`);
}
