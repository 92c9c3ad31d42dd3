// A throw-away PostgreSQL cluster (scripts/postgres-cluster.sh) for a command that needs one:
// started in a temporary folder on a free port, removed afterwards. With TEST_DATABASE_URL already
// set, that server is used instead and nothing is started.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const SCRIPT = new URL('./postgres-cluster.sh', import.meta.url).pathname;

/**
 * `dir` is set when the cluster is this process's own (a test may stop and start it).
 * @returns {Promise<{ url: string; dir?: string; stop: () => void }>}
 */
export async function postgresCluster() {
	if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => {} };
	const dir = mkdtempSync(join(tmpdir(), 'portail-pg-'));
	const port = await freePort();
	// Not blocking: two clusters (the unit tests' and the instances') are made side by side.
	const { stdout } = await promisify(execFile)(SCRIPT, ['start', dir, String(port)], {
		encoding: 'utf8'
	});
	const url = stdout.trim();
	return {
		url,
		dir,
		stop() {
			try {
				execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' });
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
