import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: long fault scenarios against the built server (run
 * `npm run build` first), apart from `npm test` because they take minutes.
 */
export default defineConfig({
	test: {
		include: ['tests/faults/**/*.test.ts'],
		environment: 'node',
		testTimeout: 300_000,
		hookTimeout: 120_000,
		// One scenario at a time: each loads the machine on its own.
		fileParallelism: false
	}
});
