import type { SessionUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			user: SessionUser | null;
			/** Hash of the participant device cookie, when this device has joined a board. */
			deviceHash: string | null;
		}
	}
}

export {};
