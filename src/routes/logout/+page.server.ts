import { redirect } from '@sveltejs/kit';
import { endSession } from '$lib/server/http';

export function load() {
	redirect(303, '/');
}

export const actions = {
	default: ({ cookies }) => {
		endSession(cookies);
		redirect(303, '/');
	}
};
