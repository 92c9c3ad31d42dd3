import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_DESKTOP } from './tests/support/browsers';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

export const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The test server's data folder, shared with the workers (they inherit the environment), so
 * tests can create staff accounts with the documented command. */
export const DATA_DIR = (process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'portail-e2e-')));
// The browser suite runs on the embedded database, whatever this shell points DATABASE_URL at
// (its servers, accounts and workers inherit this environment); PostgreSQL is `npm run test:pg`'s.
delete process.env.DATABASE_URL;
// Cheap password hashes in every server and account the suite starts (src/lib/server/staff/password.ts).
process.env.PASSWORD_HASH_COST ??= 'test';
// Every browser context is a new tablet: the hourly rate of new tablets' bookings per service
// (unit-tested in booking-rate.test.ts) would stop the suite itself. Inherited by every server.
process.env.QUOTA_NEW_DEVICE_BOOKINGS_PER_HOUR ??= '100000';
/**
 * Vitest's, not the browser's: HTTP tests (api/) and their support; server instances on
 * PostgreSQL (instances/, run by `npm run test:pg`).
 */
const NOT_BROWSER_TESTS = ['instances/**', 'api/**', 'support/**'];
/** The specs whose subject needs the desktop browser. */
const DESKTOP_SPECS = /notices\.spec\.ts$/;

export default defineConfig({
	testDir: 'tests',
	testIgnore: NOT_BROWSER_TESTS,
	fullyParallel: false,
	// One worker per core: each drives a browser, and the server shares the same cores.
	workers: availableParallelism(),
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
	// The accessibility matrix's report (reports/accessibility) is gathered after the run.
	globalSetup: './tests/global-setup.ts',
	globalTeardown: './tests/global-teardown.ts',
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		viewport: { width: 1024, height: 768 },
		// No traces: recording one for every test (to keep the failures') cost 15 % of the matrix's
		// time (6.3 → 5.4 min, measured), and CI keeps only the log. To see a failure step by step,
		// run it again with `--trace on`.
		trace: 'off',
		// A page is what most tests look at, not its caching: a service worker precaching every file
		// in each new tablet (each context) doubled the accessibility matrix's time, measured. The
		// specs whose subject is the tablet over time (offline, updates, notices, sending later)
		// allow it with `test.use({ serviceWorkers: 'allow' })`, as does every own-server portal.
		serviceWorkers: 'block',
		launchOptions: { executablePath: CHROMIUM }
	},
	projects: [
		// Staff accounts sign in once; their tests start from the saved state (tests/helpers/staff.ts).
		{ name: 'setup', testMatch: /\.setup\.ts$/ },
		// First: its journeys run one after another in one worker (about a minute); queued last, the
		// other worker sat idle for that minute at the end of the run (measured).
		{
			name: 'desktop',
			dependencies: ['setup'],
			testMatch: DESKTOP_SPECS,
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 1024, height: 768 },
				launchOptions: { executablePath: CHROMIUM_DESKTOP }
			}
		},
		{
			name: 'chromium',
			dependencies: ['setup'],
			// A project's own list replaces the one above: both, then.
			testIgnore: [...NOT_BROWSER_TESTS, DESKTOP_SPECS],
			use: { ...devices['Desktop Chrome'], viewport: { width: 1024, height: 768 } }
		}
	],
	// Tests run against the built server (as the people will), with a fresh embedded database.
	webServer: {
		command: 'node scripts/start.js',
		url: `http://localhost:${PORT}/api/health`,
		reuseExistingServer: false,
		timeout: 300_000,
		stdout: 'pipe',
		env: {
			PORT: String(PORT),
			DATA_DIR,
			// Every browser context is a new tablet, all from 127.0.0.1: the hourly quota of new
			// devices per address (unit-tested in outbox.test.ts) would stop the suite itself.
			QUOTA_NEW_DEVICES_PER_HOUR: '100000'
		}
	}
});
