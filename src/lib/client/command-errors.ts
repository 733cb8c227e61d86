import { m } from '$lib/paraglide/messages';
import type { Ack } from '$lib/realtime/events';

/** What a refused command means for the person who sent it, in their language. */
export function commandErrorText(result: Ack): string | null {
	if (result.ok) return null;
	switch (result.error.code) {
		case 'voting_closed':
			return m.error_voting_closed();
		case 'budget_exhausted':
			return m.error_budget_exhausted();
		case 'max_per_card':
			return m.error_max_per_card();
		case 'forbidden':
			return m.error_forbidden();
		case 'not_found':
			return m.error_not_found();
		default:
			return m.command_failed();
	}
}
