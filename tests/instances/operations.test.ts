// Running several instances: a catalogue change seen by all, a database outage survived, a
// restart that lets requests under way finish.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	callbackRequest,
	DATABASE_URL,
	deviceKey,
	newSchema,
	startInstance,
	type Instance
} from './instances';

const started: Instance[] = [];
afterAll(() => Promise.all(started.map((i) => i.stop())));
async function instance(schema: string, env: Record<string, string> = {}) {
	const one = await startInstance(schema, env);
	started.push(one);
	return one;
}

const title = async (i: Instance, id: string) =>
	(
		(await (await fetch(`${i.base}/api/v1/services/${id}`)).json()) as {
			service: { title: { fr: string } };
		}
	).service.title.fr;

describe('several instances in service', () => {
	it('all show a catalogue imported through any of them, at their next request', async () => {
		const schema = newSchema();
		const [a, b] = await Promise.all([instance(schema), instance(schema)]);
		const id = 'portage-repas-domicile';
		expect(await title(b, id)).toBe(await title(a, id));
		const file = join(mkdtempSync(join(tmpdir(), 'portail-import-')), 'catalogue.json');
		const catalogue = JSON.parse(readFileSync('commune/catalogue.json', 'utf8'));
		const service = catalogue.services.find((s: { id: string }) => s.id === id);
		service.title = { ...service.title, fr: 'Repas livrés chez vous, 7 jours sur 7' };
		writeFileSync(file, JSON.stringify(catalogue));
		execFileSync('npx', ['tsx', 'scripts/import-catalogue.ts', '--file', file], {
			env: { ...process.env, DATABASE_URL, DATABASE_SCHEMA: schema },
			stdio: 'pipe'
		});
		// Neither instance was told: each reads the catalogue's version and rebuilds its copy.
		expect(await title(a, id)).toBe('Repas livrés chez vous, 7 jours sur 7');
		expect(await title(b, id)).toBe('Repas livrés chez vous, 7 jours sur 7');
	});

	it('finishes a request under way when told to stop, then exits', async () => {
		const one = await startInstance(newSchema());
		const body = JSON.stringify({
			mutations: [{ ...callbackRequest('Odette Roux'), createdAt: new Date().toISOString() }]
		});
		// The request's head goes first, with "Expect: 100-continue": the server's "100 Continue"
		// says it has the request in hand. Then the instance is stopped (as systemd does on a
		// restart), then the body is sent: the request is served, and only then does the process end.
		let stopped!: Promise<void>;
		const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
			const url = new URL('/api/v1/outbox', one.base);
			const request = http.request(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					authorization: `Device ${deviceKey()}`,
					'x-forwarded-for': '10.0.0.1',
					expect: '100-continue'
				}
			});
			request.on('continue', () => {
				stopped = one.stop();
				request.end(body);
			});
			request.on('response', (res) => {
				let text = '';
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			});
			request.on('error', reject);
		});
		expect(response.status, one.output()).toBe(200);
		expect(JSON.parse(response.text).results[0].status).toBe('applied');
		await stopped;
		await expect(fetch(`${one.base}/api/health`)).rejects.toThrow();
	});

	// Needs a cluster of the run's own to stop (npm run test:pg starts one when DATABASE_URL is unset).
	it.runIf(process.env.TEST_PG_CLUSTER)(
		'answers 503 naming the database while it is down, and serves again once it is back',
		async () => {
			const url = new URL(DATABASE_URL);
			url.password = 'not-for-your-eyes'; // the test cluster trusts local connections
			const one = await instance(newSchema(), { DATABASE_URL: url.toString() });
			const cluster = ['scripts/postgres-cluster.sh'];
			execFileSync(cluster[0]!, ['stop', process.env.TEST_PG_CLUSTER!]);
			try {
				const down = await fetch(`${one.base}/api/health`);
				expect(down.status).toBe(503);
				const said = await down.text();
				expect(JSON.parse(said)).toEqual({ status: 'unavailable', database: 'PostgreSQL' });
				// Public: no host, port or password of the commune's network.
				expect(said).not.toContain('not-for-your-eyes');
				expect(said).not.toContain(url.hostname);
			} finally {
				execFileSync(cluster[0]!, ['start', process.env.TEST_PG_CLUSTER!, url.port]);
			}
			// The pool opens new connections: the same process serves again, nobody restarted it.
			let status = 0;
			while (status !== 200) {
				status = (await fetch(`${one.base}/api/health`)).status;
				if (status !== 200) await new Promise((r) => setTimeout(r, 200));
			}
			expect(await title(one, 'portage-repas-domicile')).toBeTruthy();
		}
	);
});
