// Server instances of the built portal on one PostgreSQL database, as a commune with several
// servers runs it: each a real `node server/index.js` process with its own port.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/free-port.js';

/** The test server (npm run test:pg), given to each instance as its DATABASE_URL. */
export const DATABASE_URL = process.env.TEST_DATABASE_URL!;

export interface Instance {
	base: string;
	/** What the process printed so far. */
	output(): string;
	stop(): Promise<void>;
}

/** Starts an instance on `schema` (on `port`, or a free one) and resolves once it answers. */
export async function startInstance(
	schema: string,
	env: Record<string, string> = {},
	port?: number
) {
	port ??= await freePort();
	const base = `http://127.0.0.1:${port}`;
	let printed = '';
	const child = spawn(process.execPath, ['server/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL,
			DATABASE_SCHEMA: schema,
			// Never used on PostgreSQL; given so nothing lands in the working copy.
			DATA_DIR: mkdtempSync(join(tmpdir(), 'portail-instance-')),
			// As behind the reverse proxy: each tablet's own address (see `send`), so that what two
			// tablets do is not put in line by one address's quota counter.
			ADDRESS_HEADER: 'X-Forwarded-For',
			XFF_DEPTH: '1',
			QUOTA_REQUESTS_PER_DAY: '1000000',
			// Hundreds of new tablets racing for places: no alert of an unusual rate here.
			QUOTA_NEW_DEVICE_BOOKINGS_PER_HOUR: '1000000',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (chunk) => (printed += chunk));
	child.stderr.on('data', (chunk) => (printed += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const instance: Instance = {
		base,
		output: () => printed,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
	for (let i = 0; i < 600 && child.exitCode === null; i++) {
		try {
			if ((await fetch(`${base}/api/health`)).ok) return instance;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await instance.stop();
	throw new Error(`instance did not start:\n${printed}`);
}

/** A schema name no other test uses. */
export const newSchema = () => `inst_${randomBytes(6).toString('hex')}`;

/** A new tablet's key. */
export const deviceKey = () => randomBytes(32).toString('base64url');

/** The address a tablet's requests come from: one of its own, made from its key. */
function addressOf(key: string) {
	const [x, y, z] = Buffer.from(key, 'base64url');
	return `10.${x}.${y}.${z}`;
}

/** A request to be called back ("Être rappelé par un conseiller"), as a tablet's outbox sends it. */
export const callbackRequest = (name: string) => ({
	id: randomUUID(),
	type: 'request.submit',
	payload: {
		formId: 'rappel-conseiller',
		formVersion: 1,
		answers: { nom: name, telephone: '06 12 34 56 78', moment: 'matin' }
	}
});

/** Sends one batch from a tablet to an instance; answers the outbox's results. */
export async function send(
	instance: Instance,
	key: string,
	mutations: { id: string; type: string; payload: unknown }[]
): Promise<{ id: string; status: string; recordId?: string; errors?: { code: string }[] }[]> {
	const response = await fetch(`${instance.base}/api/v1/outbox`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			authorization: `Device ${key}`,
			'x-forwarded-for': addressOf(key)
		},
		body: JSON.stringify({
			mutations: mutations.map((m) => ({ ...m, createdAt: new Date().toISOString() }))
		})
	});
	if (response.status !== 200) throw new Error(`outbox answered ${response.status}`);
	return (await response.json()).results;
}
