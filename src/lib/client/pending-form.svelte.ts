import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form while it is being sent: its submit button is disabled until the answer
 * arrives, and what the person typed stays in the fields if the answer is an error.
 */
export class PendingForm {
	busy = $state(false);

	enhance: SubmitFunction = () => {
		this.busy = true;
		return async ({ update }) => {
			await update({ reset: false });
			this.busy = false;
		};
	};
}
