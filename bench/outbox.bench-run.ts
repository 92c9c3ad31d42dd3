import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortalDatabase } from '$lib/offline/db';
import { enqueue, flushOutbox, localLock } from '$lib/offline/outbox';
import { callbackSubmission } from './fixtures.js';

const PORT = Number(process.env.BENCH_PORT ?? 4310);
const base = `http://localhost:${PORT}`;
let server: ChildProcess;

beforeAll(async () => {
	server = spawn(process.execPath, ['server/index.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			DATABASE_URL: '',
			DATA_DIR: mkdtempSync(join(tmpdir(), 'portail-bench-')),
			// One tablet sends 1,000 requests here: its daily limits (tested elsewhere) are lifted.
			QUOTA_REQUESTS_PER_DAY: '10000000',
			QUOTA_MUTATIONS_PER_DAY: '10000000'
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${base}/api/health`)).ok) return;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	throw new Error('server did not start');
});

afterAll(() => {
	server.kill('SIGTERM');
});

const toServer = ((url: string, init: RequestInit) => fetch(`${base}${url}`, init)) as typeof fetch;

it('drains 1,000 queued mutations from a device', async () => {
	const db = new PortalDatabase('bench-drain');
	for (let i = 0; i < 1000; i++)
		await enqueue(db, 'request.submit', callbackSubmission(i), 'bench');
	const key = randomBytes(32).toString('base64url');
	const started = performance.now();
	let posts = 0;
	while ((await db.outbox.where('status').equals('pending').count()) > 0) {
		const result = await flushOutbox(db, { fetch: toServer, deviceKey: key, lock: localLock() });
		expect(result.state).toBe('sent');
		posts++;
	}
	const ms = performance.now() - started;
	expect(await db.outbox.where('status').equals('sent').count()).toBe(1000);
	console.log(
		`drain 1,000 queued mutations: ${ms.toFixed(0)} ms in ${posts} batches (${(1000 / (ms / 1000)).toFixed(0)} mutations/s end to end)`
	);
});
