import { defineConfig } from '@playwright/test';
import { CHROMIUM } from '../support/browsers';

// `npm run test:pg`, last: a browser through the shipped nginx to two instances on PostgreSQL.
// The spec starts its own instances and nginx (tests/instances/*.ts); DATABASE_URL is given.
export default defineConfig({
	testDir: '.',
	testMatch: /\.spec\.ts$/,
	workers: 1,
	retries: 0,
	timeout: 180_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		viewport: { width: 1024, height: 768 },
		// As the main suite: no traces (15 % of the time); run again with `--trace on` to see a failure.
		trace: 'off',
		launchOptions: { executablePath: CHROMIUM }
	}
});
