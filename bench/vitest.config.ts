import { defineConfig } from 'vitest/config';
import base from '../vite.config.ts';

// The outbox benchmark runs the device's own sync code (Dexie over fake-indexeddb) against the
// built server on loopback, so it goes through Vitest for the app's module aliases.
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['bench/**/*.bench-run.ts'],
		testTimeout: 300_000,
		hookTimeout: 60_000
	}
});
