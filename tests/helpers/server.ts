import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
	url: string;
	dataDir: string;
	stop(): Promise<void>;
	start(): Promise<void>;
}

async function waitForHealth(url: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server at ${url} did not become healthy`);
}

/**
 * A server of the test's own, from the same build, that the test can stop: the only way to cut
 * the service worker's requests too (Chromium's offline emulation does not reach them).
 */
export async function ownServer(port: number, buildDir = 'build'): Promise<RunningServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'portail-own-'));
	const url = `http://localhost:${port}`;
	let child: ChildProcess | undefined;
	const server: RunningServer = {
		url,
		dataDir,
		async start() {
			child = spawn(process.execPath, [join(buildDir, 'index.js')], {
				env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
				stdio: 'ignore'
			});
			await waitForHealth(url);
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
