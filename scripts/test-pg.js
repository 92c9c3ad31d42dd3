// `npm run test:pg`: the unit and integration tests against PostgreSQL (each test in a schema of
// its own), and real server instances raced against each other on one database, then a browser
// through nginx to two of them. Uses the server of TEST_DATABASE_URL (never DATABASE_URL: that may
// be a real portal's), or throw-away clusters started here (Debian's postgresql package).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildIfChanged } from './build-if-changed.js';
import { postgresCluster } from './postgres-cluster.js';

/**
 * Runs a command to its end; with a prefix, each line of its output carries it (two commands
 * running side by side stay readable in CI's log).
 * @param {string[]} args @param {Record<string, string>} env @param {string} [prefix]
 * @returns {Promise<number>}
 */
function run(args, env, prefix) {
	return new Promise((resolve) => {
		const child = spawn('npx', args, {
			stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
			env: { ...process.env, ...env }
		});
		if (prefix) {
			for (const stream of [child.stdout, child.stderr]) {
				createInterface({ input: stream }).on('line', (line) => console.info(`${prefix}${line}`));
			}
		}
		child.on('close', (code) => resolve(code ?? 1));
	});
}

/** @param {{ url: string; dir?: string }} cluster */
const envOf = (cluster) => ({
	TEST_DATABASE_URL: cluster.url,
	...(cluster.dir ? { TEST_PG_CLUSTER: cluster.dir } : {})
});
const hidden = (/** @type {string} */ url) => url.replace(/:[^:@/]*@/, '@');

// With arguments: those test files only (`npm run test:pg -- src/lib/server/outbox`).
if (process.argv.length > 2) {
	const cluster = await postgresCluster();
	let status = 1;
	try {
		status = await run(['vitest', ...process.argv.slice(2), '--run'], envOf(cluster));
	} finally {
		cluster.stop();
	}
	process.exit(status);
}

/** Two clusters made side by side; if one cannot start, the other is stopped before saying so. */
async function twoClusters() {
	const made = await Promise.allSettled([postgresCluster(), postgresCluster()]);
	const failed = made.find((m) => m.status === 'rejected');
	if (!failed) return made.map((m) => /** @type {PromiseFulfilledResult<any>} */ (m).value);
	for (const m of made) if (m.status === 'fulfilled') m.value.stop();
	throw failed.reason;
}

// The instances start from the build: made first (nothing to do when `npm test` just made it).
buildIfChanged();
// The instances get a cluster of their own, so that they run beside the unit tests: much of their
// time is waiting (a server starting, nginx's fail_timeout, the outage test's database stopped
// and started again, which no other test may feel). On a given server, one after the other.
const own = !process.env.TEST_DATABASE_URL;
const [units, servers] = own ? await twoClusters() : await postgresCluster().then((c) => [c, c]);
let status = 1;
try {
	console.info(`Tests on PostgreSQL: ${hidden(units.url)}; instances on ${hidden(servers.url)}`);
	// The test files whose imports reach the PostgreSQL driver: the others (pure functions, the
	// tablet's code) do not change with the database and ran in `npm test`.
	const unitTests = () =>
		run(
			['vitest', 'related', 'src/lib/server/db/postgres.ts', '--run'],
			envOf(units),
			own ? '[units] ' : undefined
		);
	const instanceTests = () =>
		run(
			['vitest', '--config', 'tests/instances/vitest.config.ts', '--run'],
			envOf(servers),
			own ? '[instances] ' : undefined
		);
	// A browser through nginx to two instances: on the units' cluster, which no test stops, so it
	// runs beside both (it ran alone at the end, 20 s of an idle machine, measured).
	const browserTest = () =>
		run(
			['playwright', 'test', '--config', 'tests/instances/playwright.config.ts'],
			{ ...envOf(units), PASSWORD_HASH_COST: 'test' },
			own ? '[browser] ' : undefined
		);
	const results = own
		? await Promise.all([unitTests(), instanceTests(), browserTest()])
		: [await unitTests(), await instanceTests(), await browserTest()];
	status = results.find((code) => code !== 0) ?? 0;
} finally {
	units.stop();
	if (servers !== units) servers.stop();
}
process.exit(status);
