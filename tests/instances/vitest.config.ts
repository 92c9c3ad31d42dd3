import { defineConfig } from 'vitest/config';

// `npm run test:pg`, after the unit tests: real server instances on one PostgreSQL database.
export default defineConfig({
	test: {
		include: ['tests/instances/**/*.test.ts'],
		environment: 'node',
		env: { PASSWORD_HASH_COST: 'test' },
		// One file at a time: the outage test stops the database the others use.
		fileParallelism: false,
		testTimeout: 300_000,
		hookTimeout: 300_000
	}
});
