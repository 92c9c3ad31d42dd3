// `npm run test:pg`: the unit and integration tests against PostgreSQL (each test in a schema of
// its own), then two real server instances raced against each other on one database. Uses the
// server of TEST_DATABASE_URL (never DATABASE_URL: that may be a real portal's), or a throw-away cluster started here (Debian's postgresql package).
import { spawnSync } from 'node:child_process';
import { buildIfChanged } from './build-if-changed.js';
import { postgresCluster } from './postgres-cluster.js';

/** @param {string[]} args @param {Record<string, string>} env */
function vitest(args, env) {
	const run = spawnSync('npx', ['vitest', ...args, '--run'], {
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	return run.status ?? 1;
}

const cluster = await postgresCluster();
let status = 1;
try {
	console.info(`Tests on PostgreSQL: ${cluster.url.replace(/:[^:@/]*@/, '@')}`);
	const env = {
		TEST_DATABASE_URL: cluster.url,
		...(cluster.dir ? { TEST_PG_CLUSTER: cluster.dir } : {})
	};
	// With no arguments, the test files whose imports reach the PostgreSQL driver: the others (pure
	// functions, the tablet's code) do not change with the database and ran in `npm test`.
	const args =
		process.argv.length > 2 ? process.argv.slice(2) : ['related', 'src/lib/server/db/postgres.ts'];
	status = vitest(args, env);
	if (status === 0 && process.argv.length <= 2) {
		buildIfChanged();
		status = vitest(['--config', 'tests/instances/vitest.config.ts'], env);
	}
	if (status === 0 && process.argv.length <= 2) {
		// A browser through nginx to two instances.
		const run = spawnSync(
			'npx',
			['playwright', 'test', '--config', 'tests/instances/playwright.config.ts'],
			{
				stdio: 'inherit',
				env: { ...process.env, ...env, PASSWORD_HASH_COST: 'test' }
			}
		);
		status = run.status ?? 1;
	}
} finally {
	cluster.stop();
}
process.exit(status);
