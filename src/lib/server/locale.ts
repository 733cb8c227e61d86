/** The cookie Paraglide reads the chosen language from (see vite.config.ts). */
export const LOCALE_COOKIE = 'wedo_locale';

/** Only paths on this site: a form cannot be used to bounce people elsewhere. */
export function safeReturnPath(value: FormDataEntryValue | null): string {
	const path = typeof value === 'string' ? value : '/';
	return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}
