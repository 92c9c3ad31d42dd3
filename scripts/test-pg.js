// `npm run test:pg`: the unit and integration tests against PostgreSQL. Each test gets a schema of
// its own in the database of DATABASE_URL, or of a throw-away cluster started here when unset
// (Debian's postgresql package).
import { spawnSync } from 'node:child_process';
import { postgresCluster } from './postgres-cluster.js';

const cluster = await postgresCluster();
let status = 1;
try {
	console.info(`Tests on PostgreSQL: ${cluster.url.replace(/:[^:@/]*@/, '@')}`);
	const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: { ...process.env, DATABASE_URL: cluster.url }
	});
	status = run.status ?? 1;
} finally {
	cluster.stop();
}
process.exit(status);
