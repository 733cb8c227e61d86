import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { wedoRealtimeDevPlugin } from './server/dev-plugin.ts';
import { paraglideOptions } from './paraglide.config.js';

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), sveltekit(), wedoRealtimeDevPlugin()],
	test: {
		include: [
			'src/**/*.test.ts',
			'server/**/*.test.ts',
			'scripts/**/*.test.ts',
			'tests/integration/**/*.test.ts'
		],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Like Playwright's: on CI a test gets one more try, because the flood and timing tests share two
		// cores with real servers; a real defect fails both tries.
		retry: process.env.CI ? 1 : 0
	}
});
