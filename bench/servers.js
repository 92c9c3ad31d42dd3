// Servers the bench starts on localhost, and a bounded load loop.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { callbackMutation } from './fixtures.js';

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

/**
 * Batches per second POSTed to `url`, 8 connections for 5 s, by autocannon, each body made fresh
 * by `body()` (new ids). `applied(text)` counts what one answer carried; every body sent is kept
 * in `sent` with the headers it went with, to send again afterwards. Fails on any answer but 200.
 * @param {string} url
 * @param {{ headers: () => Record<string, string>; body: () => string; applied: (text: string) => number; sent: [Record<string, string>, string][] }} options
 */
export async function loadPost(url, { headers, body, applied, sent }) {
	let units = 0;
	const result = await autocannon({
		url,
		connections: 8,
		duration: 5,
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => {
					const ours = headers();
					const text = body();
					sent.push([ours, text]);
					return { ...request, headers: { ...request.headers, ...ours }, body: text };
				},
				onResponse: (status, text) => {
					if (status === 200) units += applied(text);
				}
			}
		]
	});
	const other = Object.keys(result.statusCodeStats).filter((code) => Number(code) !== 200);
	if (other.length > 0 || result.errors > 0) {
		throw new Error(`${url} answered ${other.join(', ') || `${result.errors} errors`}`);
	}
	return { perSecond: Math.round(units / result.duration), p50: result.latency.p50 };
}

/**
 * Tablets each sending a batch of 10 new callback requests to `base`'s outbox, 8 at a time for
 * 5 s (each batch from a new device key). Answers mutations applied per second; every batch sent
 * is kept in `sent`, with its headers, to send again.
 * @param {string} base
 * @param {[Record<string, string>, string][]} [sent]
 */
export function loadOutbox(base, sent = []) {
	return loadPost(`${base}/api/v1/outbox`, {
		headers: () => ({
			'content-type': 'application/json',
			authorization: `Device ${randomBytes(32).toString('base64url')}`
		}),
		body: () =>
			JSON.stringify({ mutations: Array.from({ length: 10 }, (_, i) => callbackMutation(i)) }),
		applied: (text) => JSON.parse(text).results.filter((r) => r.status === 'applied').length,
		sent
	});
}
