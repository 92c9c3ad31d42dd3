import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/free-port.js';

export interface RunningServer {
	url: string;
	dataDir: string;
	stop(): Promise<void>;
	start(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`server at ${url} exited (${child.exitCode}):\n${output()}`);
		}
		try {
			if ((await fetch(`${url}/api/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server at ${url} did not become healthy:\n${output()}`);
}

/**
 * A server of the test's own, from the same build, that the test can stop: the only way to cut
 * the service worker's requests too (Chromium's offline emulation does not reach them). It keeps
 * its port across stop/start, since the service worker and storage belong to that origin.
 */
export async function ownServer(
	buildDir = 'build',
	env: Record<string, string> = {}
): Promise<RunningServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'portail-own-'));
	const port = await freePort();
	const url = `http://localhost:${port}`;
	let child: ChildProcess | undefined;
	const server: RunningServer = {
		url,
		dataDir,
		async start() {
			let output = '';
			// The portal's own server (security headers, JSON-only API) around that build's handler.
			child = spawn(process.execPath, ['server/index.js'], {
				env: {
					...process.env,
					PORT: String(port),
					DATA_DIR: dataDir,
					ORIGIN: url,
					BUILD_DIR: buildDir,
					...env
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
			child.stdout?.on('data', keep);
			child.stderr?.on('data', keep);
			await waitForHealth(url, child, () => output);
		},
		async stop() {
			if (!child || child.exitCode !== null) return;
			const exited = new Promise((r) => child!.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
	};
	await server.start();
	return server;
}
