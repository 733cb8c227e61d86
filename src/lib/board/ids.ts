/** Base32 without look-alikes keeps ids readable in logs and URLs. */
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A random id for cards and columns, made on the device that creates them.
 * `crypto.randomUUID` is missing in insecure contexts (a venue laptop served over
 * plain http on a LAN address), `getRandomValues` is not.
 */
export function newId(length = 16): string {
	const bytes = new Uint8Array(length);
	globalThis.crypto.getRandomValues(bytes);
	let id = '';
	for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
	return id;
}
