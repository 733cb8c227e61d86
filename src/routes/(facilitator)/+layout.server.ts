import { redirect } from '@sveltejs/kit';

/** Every page in this group is a facilitator's: one guard for all of them. */
export function load({ locals, url }) {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	return { facilitator: { id: locals.user.id, name: locals.user.name } };
}
