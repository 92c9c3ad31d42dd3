// Servers the bench starts on localhost, and a bounded load loop.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';

/**
 * Starts `script` with `env` and resolves once `healthPath` answers.
 * @param {string} script
 * @param {number} port
 * @param {Record<string, string>} env
 */
export async function startServer(script, port, env = {}, healthPath = '/') {
	const child = spawn(process.execPath, [script], {
		env: { ...process.env, PORT: String(port), ...env },
		stdio: 'ignore'
	});
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(`http://localhost:${port}${healthPath}`)).ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error(`${script} did not start on port ${port}`);
}

/** @param {import('node:child_process').ChildProcess} child */
export async function stop(child) {
	if (child.exitCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
}

/** @param {number[]} values */
export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Answers per second for `request()`, `concurrency` at a time, for `seconds`; `units(body)`
 * counts what one answer carried instead (mutations applied in a batch). Fails on any answer but
 * `expected`.
 * @param {() => Promise<Response>} request
 * @param {{ concurrency?: number; seconds?: number; expected?: number; units?: (body: ArrayBuffer) => number }} options
 */
export async function throughput(
	request,
	{ concurrency = 8, seconds = 3, expected = 200, units } = {}
) {
	let done = 0;
	/** @type {number[]} */
	const latencies = [];
	const until = Date.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (Date.now() < until) {
				const t0 = performance.now();
				const response = await request();
				const body = await response.arrayBuffer();
				if (response.status !== expected) throw new Error(`answered ${response.status}`);
				latencies.push(performance.now() - t0);
				done += units ? units(body) : 1;
			}
		})
	);
	return { perSecond: Math.round(done / seconds), p50: median(latencies) };
}

/**
 * Answers per second for GET `url`, 8 connections for 5 s, by autocannon: a load tool written
 * for it costs the shared 2 cores far less per request than `fetch` does, so the figure is the
 * server's, not the client's. Fails on any answer but `expected`.
 * @param {string} url
 * @param {{ headers?: Record<string, string>; expected?: number }} options
 */
export async function loadGet(url, { headers = {}, expected = 200 } = {}) {
	const result = await autocannon({ url, headers, connections: 8, duration: 5 });
	const other = Object.keys(result.statusCodeStats).filter((code) => Number(code) !== expected);
	if (other.length > 0 || result.errors > 0) {
		throw new Error(`${url} answered ${other.join(', ') || `${result.errors} errors`}`);
	}
	return { perSecond: Math.round(result.requests.average), p50: result.latency.p50 };
}
