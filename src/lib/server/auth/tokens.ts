import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** An opaque random token for a cookie: 160 bits, as lucia-auth.com recommends. */
export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** Only this hash is stored, so a leaked database does not hand out sessions. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
