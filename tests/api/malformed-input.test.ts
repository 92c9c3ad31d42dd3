import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MUTATION_TYPES } from '$lib/contract/outbox';
import { apiHarness } from '$tests/support/api-harness';

const api = await apiHarness();
const key = randomBytes(32).toString('base64url');

async function counts() {
	const db = await api.database();
	const count = async (table: 'requests' | 'appointments' | 'mutations') =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirst()
			)?.n
		);
	return {
		requests: await count('requests'),
		appointments: await count('appointments'),
		mutations: await count('mutations')
	};
}

// Values of every JSON shape, with strings that look like what the API expects now and then.
const anyValue = fc.oneof(
	fc.jsonValue(),
	fc.constantFrom(
		'registre-canicule',
		'numerique-seance',
		'aide-numerique-individuelle',
		'2026-12-01T10:00:00+01:00'
	),
	fc.uuid()
);

const mutation = fc.record(
	{
		id: fc.oneof(fc.uuid(), fc.string()),
		type: fc.oneof(fc.constantFrom(...MUTATION_TYPES), fc.string()),
		payload: fc.oneof(
			anyValue,
			fc.record(
				{ formId: anyValue, formVersion: anyValue, answers: fc.dictionary(fc.string(), anyValue) },
				{ requiredKeys: [] }
			),
			fc.record(
				{
					serviceId: anyValue,
					appointmentTypeId: anyValue,
					start: anyValue,
					appointmentId: anyValue
				},
				{ requiredKeys: [] }
			)
		),
		createdAt: fc.oneof(
			fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
			fc.string()
		)
	},
	{ requiredKeys: [] }
);

describe('malformed input never gets a 5xx, and nothing is half-written', () => {
	it('POST /api/v1/outbox', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.record({ mutations: fc.array(mutation, { maxLength: 5 }) }), anyValue),
				async (body) => {
					const before = await counts();
					const response = await api.post(body, key);
					expect(response.status).toBeLessThan(500);
					expect([200, 400]).toContain(response.status);
					const after = await counts();
					if (response.status === 400) {
						expect(after).toEqual(before);
						return;
					}
					const { results } = (await response.json()) as { results: { status: string }[] };
					const applied = results.filter((r) => r.status === 'applied').length;
					// Every mutation answered is in the ledger; each applied one wrote exactly one record.
					expect(after.mutations - before.mutations).toBe(
						results.filter((r) => r.status !== 'duplicate').length
					);
					expect(
						after.requests + after.appointments - before.requests - before.appointments
					).toBeLessThanOrEqual(applied);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('GET endpoints with any query', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
				const q = (s: string) => encodeURIComponent(s);
				const answers = await Promise.all([
					api.catalogue.GET(api.event(`/api/v1/catalogue?since=${q(a)}`)),
					api.search.GET(api.event(`/api/v1/search?q=${q(a)}`)),
					api.slots.GET(api.event(`/api/v1/slots?serviceId=${q(a)}&from=${q(b)}&to=${q(a)}`)),
					api.requests.GET(api.event('/api/v1/requests', { authorization: `Device ${a}` })),
					api.theme.GET(api.event(`/api/v1/themes/${q(a)}`, {}, { id: a })),
					api.service.GET(api.event(`/api/v1/services/${q(a)}`, {}, { id: a }))
				]);
				for (const response of answers) expect(response.status).toBeLessThan(500);
			}),
			{ numRuns: 100 }
		);
	});
});
