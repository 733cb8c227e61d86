/**
 * How the message files compile, in one place: the Vite plugin (dev, build,
 * tests) and `npm run messages` (before the type check) must produce the same runtime.
 * @type {import('@inlang/paraglide-js').CompilerOptions}
 */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'wedo_locale'
};
