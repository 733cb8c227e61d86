import { endSession } from '$lib/server/http';

export function POST({ cookies }) {
	endSession(cookies);
	return new Response(null, { status: 204 });
}
