import type { AppContext } from './context';
import * as users from './repositories/users';
import { createSession } from './auth/sessions';
import { decoyPasswordHash, hashPassword, verifyPassword } from './auth/passwords';
import type { User } from './repositories/users';

export type AccountResult =
	| { ok: true; user: User; sessionToken: string; expiresAt: number }
	| { ok: false; code: 'email_taken' | 'invalid_credentials' | 'rate_limited' };

export async function signUp(
	context: AppContext,
	input: { email: string; password: string; name: string; locale: string | null }
): Promise<AccountResult> {
	const passwordHash = await hashPassword(input.password);
	const user = users.create(context.db, { ...input, passwordHash });
	if (!user) return { ok: false, code: 'email_taken' };
	const { token, session } = createSession(context.db, user.id);
	return { ok: true, user, sessionToken: token, expiresAt: session.expiresAt };
}

/**
 * Same answer and about the same time whether or not the e-mail exists; failures
 * count against both the account and the address they come from.
 */
export async function logIn(
	context: AppContext,
	input: { email: string; password: string },
	address: string
): Promise<AccountResult> {
	const { loginPerAccount, failuresPerAddress } = context.limiters;
	const accountKey = `login:${input.email}`;
	if (loginPerAccount.isBlocked(accountKey) || failuresPerAddress.isBlocked(address)) {
		return { ok: false, code: 'rate_limited' };
	}
	const user = users.readByEmail(context.db, input.email);
	const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
	if (!user || !valid) {
		loginPerAccount.recordFailure(accountKey);
		failuresPerAddress.recordFailure(address);
		return { ok: false, code: 'invalid_credentials' };
	}
	loginPerAccount.reset(accountKey);
	// A new session on every login: a token planted before login is never promoted.
	const { token, session } = createSession(context.db, user.id);
	return {
		ok: true,
		user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
		sessionToken: token,
		expiresAt: session.expiresAt
	};
}
