import { expect, request, test } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { requestSubmission } from './helpers/senior-api';
import { ownServer } from './helpers/server';
import { AGENT, BASE_URL, createAccount, staffClient, type StaffAccount } from './helpers/staff';

const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin',
	'cross-origin-opener-policy': 'same-origin'
};
const deviceKey = () => randomBytes(32).toString('base64url');

test('static files and the prerendered offline shell carry the security headers', async ({
	request
}) => {
	const version = (await (await request.get('/_app/version.json')).json()) as { version: string };
	expect(version.version).toBeTruthy();
	for (const path of [
		'/offline-shell',
		'/display.js',
		'/_app/version.json',
		'/manifest.webmanifest',
		'/service-worker.js',
		'/commune/logo.svg'
	]) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers(), path).toMatchObject(SECURITY_HEADERS);
	}
});

test('the head script written into pages runs under the policy, drawn or prerendered', async ({
	page
}) => {
	const refused: string[] = [];
	await page.exposeFunction('reportRefused', (what: string) => refused.push(what));
	await page.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (event) =>
			(window as unknown as { reportRefused(w: string): void }).reportRefused(
				`${event.violatedDirective} ${event.sample}`
			)
		)
	);
	// A page the server draws (with a nonce for its own scripts), then the prerendered shell.
	for (const path of ['/affichage', '/offline-shell']) {
		await page.goto(path);
		// What the script does first: the header folds its menu only when a script can unfold it.
		await expect(page.locator('html')).toHaveClass(/\bjs\b/);
	}
	expect(refused).toEqual([]);
});

test('a public page drawn with an agent’s cookie is private to that browser', async ({
	request
}) => {
	const anonymous = await request.get('/themes/repas');
	expect(anonymous.headers()['cache-control'] ?? '').not.toContain('private');
	const agent = await staffClient(AGENT);
	const drawn = await agent.get('/themes/repas');
	expect(drawn.status()).toBe(200);
	expect(drawn.headers()['cache-control']).toMatch(/^private\b/);
	await agent.dispose();
});

test('every answer under /api/ is JSON, with the error shape', async ({ request }) => {
	const key = deviceKey();
	const device = { authorization: `Device ${key}` };
	const cases = [
		{ call: () => request.get('/api/v1/services/', { maxRedirects: 0 }), status: 404 },
		{ call: () => request.get('/api/v1/nope'), status: 404 },
		{ call: () => request.get('/api/v2/catalogue'), status: 404 },
		{ call: () => request.put('/api/v1/outbox', { headers: device, data: {} }), status: 405 },
		{
			// Not JSON: told so in JSON (SvelteKit's own check would have answered plain text).
			call: () =>
				request.post('/api/v1/outbox', {
					headers: { ...device, 'content-type': 'text/plain' },
					data: '{"mutations":[]}'
				}),
			status: 415
		},
		{
			// Over the server's body limit (512 KB): 413, so a device splits its batch.
			call: () =>
				request.post('/api/v1/outbox', {
					headers: { ...device, 'content-type': 'application/json' },
					data: JSON.stringify({ mutations: [{ pad: 'x'.repeat(700_000) }] })
				}),
			status: 413
		}
	];
	for (const { call, status } of cases) {
		const response = await call();
		expect(response.status()).toBe(status);
		expect(response.headers()['content-type']).toContain('application/json');
		const body = await response.json();
		expect(body.error).toEqual({
			code: expect.any(String),
			message: expect.any(String),
			fields: expect.any(Array)
		});
	}
	// An id that is not UTF-8 once decoded: the 400 openapi.json describes, with its code.
	const document = await (await request.get('/api/v1/openapi.json')).json();
	for (const [path, route] of [
		['/api/v1/services/%FF', '/api/v1/services/{id}'],
		['/api/v1/themes/%FF', '/api/v1/themes/{id}']
	] as const) {
		const response = await request.get(path);
		expect(response.status()).toBe(400);
		expect((await response.json()).error.code).toBe('bad_address');
		expect(document.paths[route].get.responses['400']).toBeDefined();
	}
});

test('the language form goes home, without an error, from an address it cannot read', async ({
	request
}) => {
	const response = await request.post('/langue', {
		form: { lang: 'es', next: 'http://[' },
		headers: { origin: BASE_URL },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/');
});

test('the sign-in on a senior’s tablet never offers to keep the agent’s password', async ({
	page
}) => {
	await page.goto('/pro/connexion?aide');
	for (const label of ['Adresse e-mail professionnelle', 'Mot de passe']) {
		await expect(page.getByLabel(label)).toHaveAttribute('autocomplete', 'off');
	}
	await page.goto('/pro/connexion');
	await expect(page.getByLabel('Mot de passe')).toHaveAttribute('autocomplete', 'current-password');
});

test('signing in again in the same browser ends the session it had', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: BASE_URL });
	const signIn = () =>
		context.request.post('/pro/connexion', {
			form: { email: AGENT.email, password: AGENT.password },
			headers: { origin: BASE_URL, accept: 'text/html' },
			maxRedirects: 0
		});
	expect((await signIn()).status()).toBe(303);
	const first = (await context.cookies()).find((c) => c.name === 'portail_staff')!.value;
	expect((await signIn()).status()).toBe(303);
	const second = (await context.cookies()).find((c) => c.name === 'portail_staff')!.value;
	expect(second).not.toBe(first);
	const stale = await request.newContext({
		baseURL: BASE_URL,
		extraHTTPHeaders: { cookie: `portail_staff=${first}` }
	});
	expect((await stale.get('/api/v1/staff/me')).status()).toBe(401);
	expect((await context.request.get('/api/v1/staff/me')).status()).toBe(200);
	await stale.dispose();
	await context.close();
});

/** A tablet that has sent one callback request: its client and the request's mutation. */
async function tabletWithRequest(name: string, key = deviceKey()) {
	const device = await request.newContext({
		baseURL: BASE_URL,
		extraHTTPHeaders: { authorization: `Device ${key}` }
	});
	const sent = await requestSubmission(device, 'rappel-conseiller', {
		nom: name,
		telephone: '06 12 34 56 78',
		moment: 'matin',
		question: ''
	});
	await device.post('/api/v1/outbox', { data: { mutations: [sent] } });
	return { device, sent };
}

test('the status form without JavaScript never reports a change it did not make', async () => {
	const { device, sent } = await tabletWithRequest('Armand Vidal');
	const agent = await staffClient(AGENT);
	const change = () =>
		agent.post(`/pro/demandes/${sent.id}?/status`, {
			form: { to: 'in_progress', from: 'received', message: '', mutationId: '' },
			maxRedirects: 0
		});
	expect((await change()).status()).toBe(303);
	// The same empty id again is not "the same change, already saved": the request has moved on.
	expect((await change()).status()).toBe(409);
	await agent.dispose();
	await device.dispose();
});

test.describe('the client address of the sign-in limit', () => {
	const tryWrong = (client: import('@playwright/test').APIRequestContext, i: number) =>
		client.post('/pro/connexion', {
			form: { email: ACCOUNT.email, password: 'pas le bon' },
			headers: { 'x-forwarded-for': `198.51.100.${i}` },
			maxRedirects: 0
		});
	const ACCOUNT: StaffAccount = {
		email: 'xff.test@mairie.test',
		name: 'Agent XFF',
		role: 'agent',
		password: 'Un autre mot de passe long'
	};

	test('a spoofed X-Forwarded-For is ignored unless ADDRESS_HEADER says to read it', async () => {
		createAccount(ACCOUNT);
		const direct = await request.newContext({
			baseURL: BASE_URL,
			extraHTTPHeaders: { origin: BASE_URL, accept: 'text/html' }
		});
		// Seven tries "from seven addresses": three, then four at once. The server sees one address
		// and slows the pair from the fourth try; sent together, the later ones fall inside their
		// growing waits (2, 4, 8 s) however slow the machine is at checking a password.
		const tries = async (context: import('@playwright/test').APIRequestContext) => {
			const statuses = [];
			for (let i = 1; i <= 3; i++) statuses.push((await tryWrong(context, i)).status());
			const burst = await Promise.all([4, 5, 6, 7].map((i) => tryWrong(context, i)));
			return [...statuses, ...burst.map((r) => r.status()).sort()];
		};
		const statuses = await tries(direct);
		expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
		expect(statuses).toContain(429);
		await direct.dispose();

		// Behind a proxy configured as adapter-node documents, the header names the client.
		const proxied = await ownServer('build', { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
		try {
			createAccount(ACCOUNT, proxied.dataDir);
			const client = await request.newContext({
				baseURL: proxied.url,
				extraHTTPHeaders: { origin: proxied.url, accept: 'text/html' }
			});
			// Each try from its own address: none is slowed.
			expect(await tries(client)).toEqual([400, 400, 400, 400, 400, 400, 400]);
			await client.dispose();
		} finally {
			await proxied.stop();
		}
	});
});

test('every mutation type × caller: staff changes only from a staff session', async () => {
	const key = deviceKey();
	const { device, sent } = await tabletWithRequest('Lise Caron', key);
	const assisted = await staffClient(AGENT, BASE_URL, { deviceKey: key, assisted: true });
	const agentDesk = await staffClient(AGENT, BASE_URL, { deviceKey: deviceKey() });
	const setStatus = () => ({
		id: randomUUID(),
		type: 'request.setStatus',
		createdAt: new Date().toISOString(),
		payload: { requestId: sent.id, from: 'received', to: 'in_progress', message: '' }
	});
	const codeOf = async (client: import('@playwright/test').APIRequestContext) => {
		const response = await client.post('/api/v1/outbox', { data: { mutations: [setStatus()] } });
		const [result] = (await response.json()).results;
		return result.errors?.[0]?.code ?? result.status;
	};
	expect(await codeOf(device)).toBe('staffOnly');
	expect(await codeOf(assisted)).toBe('staffOnly');
	expect(await codeOf(agentDesk)).toBe('applied');
	await assisted.dispose();
	await device.dispose();
	await agentDesk.dispose();
});
