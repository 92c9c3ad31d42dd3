import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiHarness } from '$tests/support/api-harness';
import { bookingPayload, HEATWAVE_ANSWERS } from '$tests/support/fixtures';
import { HOUSING_MEMBER, HOUSING_REST, HOUSING_START } from '$tests/support/housing';

const api = await apiHarness();
// After the harness: the configuration is read from the environment it sets.
const { serverConfig } = await import('$lib/server/config');
const newKey = () => randomBytes(32).toString('base64url');
const device = newKey();

const heatwaveAnswers = HEATWAVE_ANSWERS;

const submit = (answers: object = heatwaveAnswers, id = randomUUID()) => ({
	id,
	type: 'request.submit',
	payload: { formId: 'registre-canicule', formVersion: 1, answers },
	createdAt: new Date().toISOString()
});

async function send(mutations: object[], key = device) {
	const response = await api.post({ mutations }, key);
	return { status: response.status, body: await response.json() };
}

async function requestCount() {
	const db = await api.database();
	const row = await db
		.selectFrom('requests')
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirst();
	return Number(row?.n);
}

describe('POST /api/v1/outbox: identity and envelope', () => {
	it('answers 401 without a device key', async () => {
		const response = await api.post({ mutations: [submit()] });
		expect(response.status).toBe(401);
		expect((await response.json()).error.code).toBe('device_required');
	});

	it('answers 415 in the JSON error shape for a body that is not declared JSON', async () => {
		const response = await api.outbox.POST({
			request: new Request('http://portal.test/api/v1/outbox', {
				method: 'POST',
				headers: { 'content-type': 'text/plain', authorization: `Device ${device}` },
				body: JSON.stringify({ mutations: [submit()] })
			}),
			locals: { staff: null, access: 'public' },
			getClientAddress: () => '192.0.2.1'
		} as never);
		expect(response.status).toBe(415);
		expect((await response.json()).error).toMatchObject({
			code: 'unsupported_media_type',
			fields: [{ field: 'content-type' }]
		});
	});

	it.each([
		['not JSON', '{oops', 'invalid_json'],
		['no mutations', { mutations: [] }, 'invalid_body'],
		['a bad id', { mutations: [{ ...submit(), id: 'not-a-uuid' }] }, 'invalid_body'],
		['an extra key', { mutations: [submit()], more: 1 }, 'invalid_body']
	])('answers 400 for %s', async (_, body, code) => {
		const response = await api.post(body, device);
		expect(response.status).toBe(400);
		expect((await response.json()).error.code).toBe(code);
	});
});

describe('request.submit', () => {
	it('records the request once and gives a reference to read over the phone', async () => {
		const mutation = submit();
		const first = await send([mutation]);
		expect(first.status).toBe(200);
		const [result] = first.body.results;
		expect(result).toMatchObject({ id: mutation.id, status: 'applied', recordId: mutation.id });
		expect(result.reference).toMatch(
			/^D-[346789ACDEFGHJKMNPQRTUVWXY]{3}-[346789ACDEFGHJKMNPQRTUVWXY]{3}$/
		);

		const again = await send([mutation]);
		expect(again.body.results[0]).toMatchObject({
			status: 'duplicate',
			reference: result.reference
		});
		const mine = await api.ownRecords(device);
		expect(mine.requests.filter((r: { id: string }) => r.id === mutation.id)).toEqual([
			expect.objectContaining({
				reference: result.reference,
				status: 'received',
				formId: 'registre-canicule'
			})
		]);
	});

	it('20 concurrent posts of the same mutation leave one request', async () => {
		const before = await requestCount();
		const mutation = submit();
		const answers = await Promise.all(Array.from({ length: 20 }, () => send([mutation])));
		const results = answers.map((a) => a.body.results[0]);
		expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(19);
		expect(new Set(results.map((r) => r.reference)).size).toBe(1);
		expect(await requestCount()).toBe(before + 1);
	});

	it('rejects wrong answers field by field, in plain words, and writes nothing', async () => {
		const before = await requestCount();
		const { body } = await send([
			submit({ ...heatwaveAnswers, nom: '', telephone: '12', accord: false })
		]);
		const [result] = body.results;
		expect(result.status).toBe('rejected');
		expect(result.errors).toEqual([
			{ field: 'answers.nom', code: 'required', message: 'Répondez à cette question' },
			expect.objectContaining({ field: 'answers.telephone', code: 'invalidPhone' }),
			expect.objectContaining({ field: 'answers.accord', code: 'consentRequired' })
		]);
		expect(await requestCount()).toBe(before);
	});

	it('checks a household person by person, and names the person and the question', async () => {
		const her = { ...HOUSING_START, ...HOUSING_REST };
		const person = HOUSING_MEMBER;
		const housing = (answers: object) => ({
			...submit(),
			payload: { formId: 'logement-social', formVersion: 1, answers }
		});
		const before = await requestCount();
		const { body } = await send([
			housing({ ...her, foyer: [] }),
			housing({ ...her, foyer: [person, { ...person, 'membre-lien': 'autre', intrus: 1 }] })
		]);
		expect(body.results.map((r: { errors: object[] }) => r.errors)).toEqual([
			[
				{
					field: 'answers.foyer',
					code: 'membersTooFew',
					message: 'Ajoutez-en au moins 1'
				}
			],
			[
				expect.objectContaining({ field: 'answers.foyer.1.intrus', code: 'unknownField' }),
				expect.objectContaining({ field: 'answers.foyer.1.membre-lien-autre', code: 'required' })
			]
		]);
		expect(await requestCount()).toBe(before);
		// Whole, with an answer to a question the person was not asked: kept out of the record.
		const kept = await send([
			housing({ ...her, foyer: [{ ...person, 'membre-lien-autre': 'Cousin' }] })
		]);
		expect(kept.body.results[0].status).toBe('applied');
		const db = await api.database();
		const row = await db
			.selectFrom('requests')
			.select('answers')
			.where('id', '=', kept.body.results[0].id)
			.executeTakeFirstOrThrow();
		// A grown-up is asked for his identity and his tax notice (left to bring: no page).
		const none = { pages: [] };
		expect(JSON.parse(row.answers).foyer).toEqual([
			{ ...person, 'membre-identite': none, 'membre-avis-impot': none }
		]);
	});

	it('rejects an unknown form version and an unknown mutation type', async () => {
		const { body } = await send([
			{ ...submit(), payload: { formId: 'registre-canicule', formVersion: 99, answers: {} } },
			{ ...submit(), type: 'request.delete' }
		]);
		expect(body.results.map((r: { errors: { code: string }[] }) => r.errors[0]?.code)).toEqual([
			'unknownForm',
			'unknownType'
		]);
	});

	it('keeps each device to its own requests', async () => {
		const mutation = submit();
		await send([mutation]);
		const other = newKey();
		expect((await api.ownRecords(other)).requests).toEqual([]);
		// Replaying someone else's id reveals nothing of it.
		const stolen = await send([mutation], other);
		expect(stolen.body.results[0]).toMatchObject({
			status: 'rejected',
			errors: [{ code: 'idInUse' }]
		});
		expect(stolen.body.results[0].reference).toBeUndefined();
	});
});

describe('appointments', () => {
	const service = 'aide-numerique-individuelle';
	const book = (start: string, id = randomUUID()) => ({
		id,
		type: 'appointment.book',
		payload: bookingPayload(service, 'numerique-seance', start),
		createdAt: new Date().toISOString()
	});

	it('offers slots in the commune time zone for the next 14 days', async () => {
		const { appointmentTypes, slots } = await api.freeSlots(service);
		expect(appointmentTypes).toEqual([
			expect.objectContaining({ id: 'numerique-seance', durationMinutes: 60, mode: 'in_person' })
		]);
		expect(slots.length).toBeGreaterThan(10);
		expect(slots[0]!.start).toMatch(/^\d{4}-\d{2}-\d{2}T(10|11|14|15|16|17):00:00\+0[12]:00$/);
		const last = Date.parse(slots.at(-1)!.start);
		expect(last - Date.now()).toBeLessThan(15 * 24 * 3600 * 1000);
	});

	it('books until the slot is full, then offers the nearest free slots', async () => {
		const { slots } = await api.freeSlots(service);
		const slot = slots.find((s) => s.remaining === 2)!;
		// Three people, three tablets: one device may hold only two upcoming appointments here.
		const first = await Promise.all([
			send([book(slot.start)], newKey()),
			send([book(slot.start)], newKey())
		]);
		expect(first.map((r) => r.body.results[0].status)).toEqual(['applied', 'applied']);
		expect(first[0].body.results[0].reference).toMatch(/^R-/);
		const third = (await send([book(slot.start)], newKey())).body.results[0];
		expect(third.status).toBe('conflict');
		expect(third.errors[0].code).toBe('slotTaken');
		expect(third.alternatives.length).toBe(3);
		expect(third.alternatives.map((a: { start: string }) => a.start)).not.toContain(slot.start);
		const after = await api.freeSlots(service);
		expect(after.slots.find((s) => s.start === slot.start)).toBeUndefined();
	});

	it('refuses a time that was never offered', async () => {
		const { slots } = await api.freeSlots(service);
		const odd = new Date(Date.parse(slots[0]!.start) + 7 * 60_000).toISOString();
		const result = (await send([book(odd)], newKey())).body.results[0];
		expect(result).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'start', code: 'notASlot' }]
		});
	});

	it('refuses a booking that does not say who she is and how to reach her', async () => {
		const { slots } = await api.freeSlots(service);
		const start = slots.at(-3)!.start;
		const anonymous: Record<string, unknown> = { ...book(start).payload };
		delete anonymous.contact;
		const [missing, wrong] = (
			await send(
				[
					{ ...book(start), payload: anonymous },
					{
						...book(start),
						payload: { ...anonymous, contact: { name: ' ', phone: '06 12 34 56 7' } }
					}
				],
				newKey()
			)
		).body.results;
		expect(missing).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'payload.contact', code: 'required' }]
		});
		expect(wrong).toMatchObject({
			status: 'rejected',
			errors: [
				{ field: 'contact.name', code: 'required' },
				{ field: 'contact.phone', code: 'invalidPhone' }
			]
		});
	});

	it('needs her address for a home visit, and keeps it for her and for the office', async () => {
		const ccas = 'rendez-vous-conseillere-sociale';
		const { slots } = await api.freeSlots(ccas);
		const start = slots.filter((s) => s.appointmentTypeId === 'ccas-domicile').at(-1)!.start;
		const key = newKey();
		const visit = (contact: object) => ({
			...book(start),
			payload: { serviceId: ccas, appointmentTypeId: 'ccas-domicile', start, contact }
		});
		const [noAddress] = (await send([visit({ name: 'Berthe Lucas', phone: '0612345678' })], key))
			.body.results;
		expect(noAddress).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'contact.address', code: 'required' }]
		});
		const booking = visit({
			name: ' Berthe Lucas ',
			phone: '06 12 34 56 78',
			address: '12 rue des Tilleuls, 87990 Val-de-Lierre',
			email: 'berthe@example.org'
		});
		expect((await send([booking], key)).body.results[0].status).toBe('applied');
		const mine = (await api.ownRecords(key)).appointments.find(
			(x: { id: string }) => x.id === booking.id
		);
		expect(mine).toMatchObject({
			mode: 'home_visit',
			contact: {
				name: 'Berthe Lucas',
				phone: '06 12 34 56 78',
				address: '12 rue des Tilleuls, 87990 Val-de-Lierre'
			}
		});
		const db = await api.database();
		const row = await db
			.selectFrom('appointments')
			.select(['person_address', 'person_email'])
			.where('id', '=', booking.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			person_address: '12 rue des Tilleuls, 87990 Val-de-Lierre',
			person_email: 'berthe@example.org'
		});
	});

	it('cancels and reschedules only the device’s own appointments', async () => {
		const { slots } = await api.freeSlots(service);
		const [a, b] = [slots.at(-1)!, slots.at(-2)!];
		const booking = book(a.start);
		await send([booking]);
		const moveId = randomUUID();
		const stranger = await send(
			[
				{
					id: moveId,
					type: 'appointment.cancel',
					payload: { appointmentId: booking.id },
					createdAt: new Date().toISOString()
				}
			],
			newKey()
		);
		expect(stranger.body.results[0].errors[0].code).toBe('unknownAppointment');

		const moved = await send([
			{
				id: randomUUID(),
				type: 'appointment.reschedule',
				payload: { appointmentId: booking.id, start: b.start },
				createdAt: new Date().toISOString()
			}
		]);
		expect(moved.body.results[0].status).toBe('applied');
		let mine = (await api.ownRecords(device)).appointments.find(
			(x: { id: string }) => x.id === booking.id
		);
		expect(Date.parse(mine.start)).toBe(Date.parse(b.start));

		await send([
			{
				id: randomUUID(),
				type: 'appointment.cancel',
				payload: { appointmentId: booking.id },
				createdAt: new Date().toISOString()
			}
		]);
		mine = (await api.ownRecords(device)).appointments.find(
			(x: { id: string }) => x.id === booking.id
		);
		expect(mine.status).toBe('cancelled');
	});
});

describe('quotas of an anonymous device', () => {
	const service = 'aide-numerique-individuelle';
	const book = (start: string) => ({
		id: randomUUID(),
		type: 'appointment.book',
		payload: bookingPayload(service, 'numerique-seance', start),
		createdAt: new Date().toISOString()
	});

	it('holds two upcoming appointments per service, and a third once one is cancelled', async () => {
		const key = newKey();
		const { slots } = await api.freeSlots(service);
		// On three days: each day keeps a share of its places for the office (office-share.test.ts).
		const days = new Map(
			slots.filter((s) => s.remaining > 0).map((s) => [s.start.slice(0, 10), s])
		);
		const [a, b, c] = [...days.values()].slice(-3);
		const booked = await send([book(a!.start), book(b!.start), book(c!.start)], key);
		const [first, second, third] = booked.body.results;
		expect([first.status, second.status, third.status]).toEqual(['applied', 'applied', 'rejected']);
		expect(third.errors).toEqual([
			expect.objectContaining({ field: 'quota', code: 'quotaAppointments' })
		]);
		// She is told how to go on: the commune's phone number is in the sentence.
		expect(third.errors[0].message).toContain('05 36 49 10 00');
		await send(
			[
				{
					id: randomUUID(),
					type: 'appointment.cancel',
					payload: { appointmentId: first.recordId },
					createdAt: new Date().toISOString()
				}
			],
			key
		);
		expect((await send([book(c!.start)], key)).body.results[0].status).toBe('applied');
	});

	it('takes 20 requests a day from one device, then asks her to phone', async () => {
		const key = newKey();
		const before = await requestCount();
		const { body } = await send(
			Array.from({ length: 21 }, () => submit()),
			key
		);
		const statuses = body.results.map((r: { status: string }) => r.status);
		expect(statuses.filter((s: string) => s === 'applied')).toHaveLength(20);
		expect(body.results[20]).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'quota', code: 'quotaRequests' }]
		});
		expect(await requestCount()).toBe(before + 20);
		// Another tablet is not held back by hers.
		expect((await send([submit()], newKey())).body.results[0].status).toBe('applied');
	});

	it('takes so many mutations a day from one device; the next batch waits whole: 429, nothing kept', async () => {
		const quotas = serverConfig.quotas as { mutationsPerDay: number };
		const before = quotas.mutationsPerDay;
		quotas.mutationsPerDay = 5;
		try {
			const key = newKey();
			const first = await send([submit(), submit()], key);
			expect(first.body.results.map((r: { status: string }) => r.status)).toEqual([
				'applied',
				'applied'
			]);
			// Two batches at once: the counter settles which one is over, never both through.
			const count = await requestCount();
			const [a, b] = await Promise.all([
				send([submit(), submit()], key),
				send([submit(), submit()], key)
			]);
			expect([a.status, b.status].sort()).toEqual([200, 429]);
			const refused = a.status === 429 ? a : b;
			expect(refused.body.error.code).toBe('quota_mutations');
			expect(await requestCount()).toBe(count + 2);
			// A refused batch is not counted: the one place left is still there, then none.
			expect((await send([submit()], key)).body.results[0].status).toBe('applied');
			expect((await send([submit()], key)).status).toBe(429);
			// Another tablet is not held back by hers.
			expect((await send([submit()], newKey())).body.results[0].status).toBe('applied');
		} finally {
			quotas.mutationsPerDay = before;
		}
	});

	it('takes ten devices’ worth of mutations a day from one address, a hundred from a shared one', async () => {
		const quotas = serverConfig.quotas as { mutationsPerDay: number };
		const before = quotas.mutationsPerDay;
		quotas.mutationsPerDay = 2;
		const status = async (address: string, key = newKey()) => {
			const response = await api.post({ mutations: [submit(), submit()] }, key, address);
			return response.status === 429 ? (await response.json()).error.code : response.status;
		};
		try {
			// Keys are free to make: ten "tablets" at one address use up its day between them.
			for (let i = 0; i < 10; i++) expect(await status('203.0.113.90')).toBe(200);
			const count = await requestCount();
			const eleventh = newKey();
			expect(await status('203.0.113.90', eleventh)).toBe('quota_mutations');
			expect(await requestCount()).toBe(count);
			// Refused whole: its own day was not counted, and elsewhere it goes through.
			expect(await status('198.51.100.20', eleventh)).toBe(200);
			// A care home's Wi-Fi (SHARED_ADDRESSES) takes a hundred devices' worth.
			process.env.SHARED_ADDRESSES = '192.0.2.0/24';
			for (let i = 0; i < 11; i++) expect(await status('192.0.2.7')).toBe(200);
		} finally {
			quotas.mutationsPerDay = before;
			delete process.env.SHARED_ADDRESSES;
		}
	});

	it('lets one address bring 30 new devices an hour, not 31; known ones go on', async () => {
		const address = '203.0.113.77';
		const known = newKey();
		const first = await api.post({ mutations: [submit()] }, known, address);
		expect((await first.json()).results[0].status).toBe('applied');
		for (let i = 1; i < 30; i++) {
			const response = await api.post({ mutations: [submit()] }, newKey(), address);
			expect((await response.json()).results[0].status).toBe('applied');
		}
		const before = await requestCount();
		const refused = await (await api.post({ mutations: [submit()] }, newKey(), address)).json();
		expect(refused.results[0]).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'device', code: 'quotaDevices' }]
		});
		expect(await requestCount()).toBe(before);
		const again = await (await api.post({ mutations: [submit()] }, known, address)).json();
		expect(again.results[0].status).toBe('applied');
		const elsewhere = await api.post({ mutations: [submit()] }, newKey(), '203.0.113.78');
		expect((await elsewhere.json()).results[0].status).toBe('applied');
	});

	it('recognises an address the commune lists as shared (a care home): ten times the new tablets', async () => {
		process.env.SHARED_ADDRESSES = '198.51.100.0/28';
		try {
			for (let i = 0; i < 31; i++) {
				const response = await api.post({ mutations: [submit()] }, newKey(), '198.51.100.7');
				expect((await response.json()).results[0].status).toBe('applied');
			}
		} finally {
			delete process.env.SHARED_ADDRESSES;
		}
	});

	it('counts an IPv6 client by its /64: changing address inside it brings no more devices', async () => {
		const network = '2001:db8:77:1';
		for (let i = 1; i <= 30; i++) {
			const response = await api.post(
				{ mutations: [submit()] },
				newKey(),
				`${network}::${i.toString(16)}`
			);
			expect((await response.json()).results[0].status).toBe('applied');
		}
		const refused = await api.post({ mutations: [submit()] }, newKey(), `${network}:ffff::99`);
		expect((await refused.json()).results[0]).toMatchObject({
			errors: [{ field: 'device', code: 'quotaDevices' }]
		});
		const neighbour = await api.post({ mutations: [submit()] }, newKey(), '2001:db8:77:2::1');
		expect((await neighbour.json()).results[0].status).toBe('applied');
	});
});
