import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PortalDatabase } from '$lib/offline/db';
import { enqueue, flushOutbox } from '$lib/offline/outbox';
import { apiHarness } from '$tests/support/api-harness';
import { bookingPayload, callbackMutation, staffIdentity } from '$tests/support/fixtures';

const api = await apiHarness();
const { openApiDocument } = await import('$lib/server/openapi');
const { createStaffUser } = await import('$lib/server/staff/accounts');
const staffRequests = await import('../../src/routes/api/v1/staff/requests/+server');
const staffRequest = await import('../../src/routes/api/v1/staff/requests/[id]/+server');
const forms = await import('../../src/routes/api/v1/forms/+server');
const themes = await import('../../src/routes/api/v1/themes/+server');
const myData = await import('../../src/routes/api/v1/my-data/+server');

const document = openApiDocument('https://seniors.val-de-lierre.fr');
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

/** Checks a value against one of the published schemas; the message lists what does not match. */
function conforms(schema: string, value: unknown) {
	const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
	const ok = validate(value);
	return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Checks an answer against what the document publishes for that path and status. */
function answers(path: string, value: unknown, status = '200') {
	const pointer = [
		'paths',
		path,
		'get',
		'responses',
		status,
		'content',
		'application/json',
		'schema'
	]
		.map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1')))
		.join('/');
	const method = (document.paths as Record<string, object>)[path]!;
	const verb = 'get' in method ? 'get' : 'post';
	const validate = ajv.getSchema(`openapi#/${pointer.replace('/get/', `/${verb}/`)}`)!;
	const ok = validate(value);
	return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
const key = () => randomBytes(32).toString('base64url');

describe('the published document', () => {
	it('passes a real OpenAPI linter: operation ids, security stated, 4xx answers documented', async () => {
		const config = await createConfig({
			extends: ['recommended'],
			rules: {
				'operation-operationId': 'error',
				'operation-operationId-unique': 'error',
				'security-defined': 'error',
				'operation-4xx-response': 'error',
				'no-server-example.com': 'error',
				// One server, the one that serves the document: localhost in a test.
				'no-server-trailing-slash': 'error',
				'info-license': 'off'
			}
		});
		const problems = await lintFromString({
			source: JSON.stringify(document),
			absoluteRef: 'openapi.json',
			config
		});
		const errors = problems.filter((p) => p.severity === 'error');
		expect(errors.map((p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`)).toEqual([]);
	});
});

describe('real answers match the published schemas', () => {
	it('device: own records, slots, outbox results, errors', async () => {
		const device = key();
		const { slots } = await api.freeSlots('aide-numerique-individuelle');
		expect(answers('/api/v1/slots', await api.freeSlots('plateforme-repit'))).toEqual([]);
		const sent = await api.post(
			{
				mutations: [
					callbackMutation('Aline Roux'),
					{
						id: randomUUID(),
						type: 'appointment.book',
						createdAt: new Date().toISOString(),
						payload: bookingPayload(
							'aide-numerique-individuelle',
							'numerique-seance',
							slots[0]!.start
						)
					},
					{
						id: randomUUID(),
						type: 'request.submit',
						createdAt: new Date().toISOString(),
						payload: { formId: 'rappel-conseiller', formVersion: 1, answers: { nom: '' } }
					}
				]
			},
			device
		);
		const answer = await sent.json();
		expect(answer.results.map((r: { status: string }) => r.status)).toEqual([
			'applied',
			'applied',
			'rejected'
		]);
		expect(answers('/api/v1/outbox', answer)).toEqual([]);
		expect(answers('/api/v1/requests', await api.ownRecords(device))).toEqual([]);
		const refused = await api.post({ mutations: [] }, device);
		expect(refused.status).toBe(400);
		expect(answers('/api/v1/outbox', await refused.json(), '400')).toEqual([]);
		const mine = await myData.GET(
			api.event('/api/v1/my-data', { authorization: `Device ${device}` })
		);
		expect(mine.status).toBe(200);
		// Described item by item (not as empty objects): checked against the published document.
		expect(answers('/api/v1/my-data', await mine.json())).toEqual([]);
	});

	it('catalogue, forms, themes, search', async () => {
		const theme = await api.theme.GET(api.event('/api/v1/themes/repas', {}, { id: 'repas' }));
		const service = await api.service.GET(
			api.event('/api/v1/services/portage-repas-domicile', {}, { id: 'portage-repas-domicile' })
		);
		const cases: [string, Response][] = [
			['/api/v1/themes/{id}', theme],
			['/api/v1/services/{id}', service],
			['/api/v1/catalogue', await api.catalogue.GET(api.event('/api/v1/catalogue'))],
			['/api/v1/forms', await forms.GET()],
			['/api/v1/themes', await themes.GET()],
			['/api/v1/search', await api.search.GET(api.event('/api/v1/search?q=repas'))]
		];
		for (const [path, response] of cases) {
			expect(answers(path, await response.json()), path).toEqual([]);
		}
	});

	it('staff: the inbox and a request’s detail', async () => {
		const db = await api.database();
		const created = await createStaffUser(db, {
			email: 'contrat@mairie.test',
			displayName: 'Agent Contrat',
			role: 'agent',
			password: 'Une phrase de passe longue'
		});
		if (!('id' in created)) throw new Error('no agent');
		const staff = staffIdentity({ id: created.id, email: 'contrat@mairie.test', name: 'Contrat' });
		const locals = { staff, access: 'staff' };
		await api.post(
			{
				mutations: [callbackMutation('Yvette Noël')]
			},
			key()
		);
		const inbox = await staffRequests.GET({
			locals,
			url: new URL('http://portal.test/api/v1/staff/requests')
		} as never);
		const page = await inbox.json();
		expect(page.requests.length).toBeGreaterThan(0);
		expect(answers('/api/v1/staff/requests', page)).toEqual([]);
		const detail = await staffRequest.GET({ locals, params: { id: page.requests[0].id } } as never);
		expect(answers('/api/v1/staff/requests/{id}', await detail.json())).toEqual([]);
	});
});

describe('real accepted request bodies match the published schema', () => {
	it('every mutation type the app sends, as its outbox writes it', async () => {
		const db = new PortalDatabase('contract-bodies');
		const device = key();
		const bodies: unknown[] = [];
		const results: { status: string }[] = [];
		const capture = (async (_url: string, init: RequestInit) => {
			bodies.push(JSON.parse(String(init.body)));
			const response = await api.post(String(init.body), device);
			results.push(...(await response.clone().json()).results);
			return response;
		}) as unknown as typeof fetch;
		const { slots } = await api.freeSlots('aide-numerique-individuelle');
		await enqueue(
			db,
			'request.submit',
			{
				formId: 'rappel-conseiller',
				formVersion: 1,
				answers: { nom: 'Berthe Lucas', telephone: '06 12 34 56 78', moment: 'matin', question: '' }
			},
			'x'
		);
		const booking = await enqueue(
			db,
			'appointment.book',
			{
				serviceId: 'aide-numerique-individuelle',
				appointmentTypeId: 'numerique-seance',
				start: slots.at(-1)!.start,
				contact: { name: 'Berthe Lucas', phone: '06 12 34 56 78' }
			},
			'x'
		);
		await enqueue(
			db,
			'appointment.reschedule',
			{ appointmentId: booking.id, start: slots.at(-2)!.start },
			'x'
		);
		await enqueue(db, 'appointment.cancel', { appointmentId: booking.id }, 'x');
		await enqueue(db, 'person.erasureRequest', {}, 'x');
		await flushOutbox(db, {
			fetch: capture,
			deviceKey: device,
			lock: async (t) => (await t(), true)
		});
		expect(results.map((r) => r.status)).toEqual([
			'applied',
			'applied',
			'applied',
			'applied',
			'applied'
		]);
		for (const body of bodies) expect(conforms('OutboxBody', body)).toEqual([]);
		// And the document is no easier than the server: what it refuses, the schema refuses too.
		expect(
			conforms('OutboxBody', {
				mutations: [
					{ id: randomUUID(), type: 'nope', payload: {}, createdAt: new Date().toISOString() }
				]
			})
		).not.toEqual([]);
		db.close();
	});
});
