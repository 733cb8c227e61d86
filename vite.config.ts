import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { wedoRealtimeDevPlugin } from './server/dev-plugin';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			cookieName: 'wedo_locale'
		}),
		sveltekit(),
		wedoRealtimeDevPlugin()
	],
	test: {
		include: [
			'src/**/*.test.ts',
			'server/**/*.test.ts',
			'scripts/**/*.test.ts',
			'tests/integration/**/*.test.ts'
		],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
