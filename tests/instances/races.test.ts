// Two instances of the portal on one PostgreSQL database, raced against each other: what SQLite
// settled by writing one transaction at a time must hold when PostgreSQL does not.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	callbackRequest,
	DATABASE_URL,
	deviceKey,
	newSchema,
	send,
	startInstance,
	type Instance
} from './instances';

const schema = newSchema();
let a: Instance;
let b: Instance;
let db: pg.Client;

beforeAll(async () => {
	// Started together on an empty schema: both migrate and seed it, one after the other.
	// Every place open to devices (no office share): these races fill whole days from tablets.
	const env = { OFFICE_SHARE_PERCENT: '0' };
	[a, b] = await Promise.all([startInstance(schema, env), startInstance(schema, env)]);
	db = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
	await db.connect();
});

afterAll(async () => {
	await db?.end();
	await Promise.all([a?.stop(), b?.stop()]);
});

const contact = { name: 'Berthe Lucas', phone: '06 12 34 56 78' };
const booking = (serviceId: string, typeId: string, start: string) => ({
	id: randomUUID(),
	type: 'appointment.book',
	payload: { serviceId, appointmentTypeId: typeId, start, contact }
});
const statuses = (results: { status: string }[][]) => results.map((r) => r[0]!.status).sort();

/** Free slots of a service over the next 60 days, as an instance offers them. */
async function freeSlots(instance: Instance, serviceId: string) {
	const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
	const to = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
	const answer = await fetch(
		`${instance.base}/api/v1/slots?serviceId=${serviceId}&from=${from}&to=${to}`
	);
	const { slots } = (await answer.json()) as { slots: { start: string; remaining: number }[] };
	return slots;
}

/**
 * Rounds of the two slowest races, each round a fresh chance for the two instances to collide:
 * 100 (it was 200) halves their share of the suite's 20 minutes (14.7 s and 5.4 s of the fresh
 * clone's run); the duplicate race, cheap (2.3 s), keeps its 200.
 */
const ROUNDS = 100;

describe('two instances, one PostgreSQL database', () => {
	it('seeded the catalogue once, and ran the retention purge on one instance only', async () => {
		const { rows } = await db.query('select count(*)::int as n from catalogue_services');
		expect(rows[0].n).toBeGreaterThan(100);
		const purged = [a, b].filter((i) => i.output().includes('retention:'));
		expect(purged).toHaveLength(1);
	});

	it(`never books a slot past its capacity, ${ROUNDS} races for the last places`, async () => {
		const SERVICES = [
			['france-services-rdv', 'france-services-45'],
			['rendez-vous-conseillere-sociale', 'ccas-bureau']
		] as const;
		const races: { serviceId: string; typeId: string; start: string; remaining: number }[] = [];
		for (const [serviceId, typeId] of SERVICES) {
			for (const slot of await freeSlots(a, serviceId)) {
				races.push({ serviceId, typeId, ...slot });
			}
		}
		expect(races.length).toBeGreaterThanOrEqual(ROUNDS);
		// Four races at a time, each with two more people than places, half on each instance.
		const raced = races.slice(0, ROUNDS);
		for (let i = 0; i < raced.length; i += 4) {
			await Promise.all(
				raced.slice(i, i + 4).map(async ({ serviceId, typeId, start, remaining }) => {
					const results = await Promise.all(
						Array.from({ length: remaining + 2 }, (_, k) =>
							send(k % 2 ? b : a, deviceKey(), [booking(serviceId, typeId, start)])
						)
					);
					const applied = statuses(results).filter((s) => s === 'applied');
					expect(applied).toHaveLength(remaining);
					expect(statuses(results).filter((s) => s === 'conflict')).toHaveLength(2);
				})
			);
		}
		// What the database holds: exactly the places there were, never one more.
		const { rows } = await db.query(
			`select service_id, start_at, count(*)::int as n from appointments
			 where status = 'booked' group by service_id, start_at`
		);
		const held = new Map(rows.map((r) => [`${r.service_id} ${r.start_at}`, r.n]));
		for (const { serviceId, start, remaining } of raced) {
			expect(held.get(`${serviceId} ${new Date(start).toISOString()}`)).toBe(remaining);
		}
	});

	it('applies a mutation once when its copies reach both instances at once, 200 times', async () => {
		const known = deviceKey();
		for (let i = 0; i < 200; i++) {
			// Half from a tablet both instances know, half from one seen for the first time.
			const key = i % 2 ? known : deviceKey();
			const mutation = callbackRequest(`Personne ${i}`);
			const results = await Promise.all([send(a, key, [mutation]), send(b, key, [mutation])]);
			expect(statuses(results)).toEqual(['applied', 'duplicate']);
			// The same reference to read over the phone, whichever answer reached her.
			expect(results[0]![0]!.recordId).toBe(results[1]![0]!.recordId);
		}
		const { rows } = await db.query(
			`select count(*)::int as n, count(distinct id)::int as ids from requests`
		);
		expect(rows[0]).toEqual({ n: 200, ids: 200 });
	});

	it(`leaves one consistent appointment when a change of time races its cancellation, ${ROUNDS} times`, async () => {
		const serviceId = 'aide-numerique-individuelle';
		const free = (await freeSlots(a, serviceId)).filter((s) => s.remaining > 0);
		expect(free.length).toBeGreaterThanOrEqual(2);
		for (let i = 0; i < ROUNDS; i++) {
			const key = deviceKey();
			const [from, to] = [free[i % free.length]!, free[(i + 1) % free.length]!];
			const [booked] = await send(a, key, [booking(serviceId, 'numerique-seance', from.start)]);
			if (booked!.status !== 'applied') continue; // its slot filled up by earlier rounds
			const appointmentId = booked!.recordId!;
			const [cancel, reschedule] = await Promise.all([
				send(a, key, [
					{ id: randomUUID(), type: 'appointment.cancel', payload: { appointmentId } }
				]),
				send(b, key, [
					{
						id: randomUUID(),
						type: 'appointment.reschedule',
						payload: { appointmentId, start: to.start }
					}
				])
			]);
			expect(cancel[0]!.status).toBe('applied');
			const { rows } = await db.query('select status, start_at from appointments where id = $1', [
				appointmentId
			]);
			expect(rows[0].status).toBe('cancelled');
			// Moved first then cancelled, or cancelled first and the move refused: never half of each.
			if (reschedule[0]!.status === 'applied') {
				expect(rows[0].start_at).toBe(new Date(to.start).toISOString());
			} else {
				expect(reschedule[0]).toMatchObject({
					status: 'rejected',
					errors: [expect.objectContaining({ code: 'appointmentCancelled' })]
				});
				expect(rows[0].start_at).toBe(new Date(from.start).toISOString());
			}
		}
	});
});
