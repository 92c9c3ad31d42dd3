import { answerOf } from '$lib/contract/client';
import { outboxAnswerSchema } from '$lib/contract/outbox';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiHarness } from '$tests/support/api-harness';
import { PortalDatabase } from './db';
import { enqueue, flushOutbox, makePendingDue, singleFlight, type Lock } from './outbox';
import { bookingPayload } from '$tests/support/fixtures';

const api = await apiHarness();
let n = 0;
const key = () => randomBytes(32).toString('base64url');
const answers = {
	nom: 'Jeanne Martin',
	telephone: '06 12 34 56 78',
	moment: 'matin',
	question: ''
};
const callback = { formId: 'rappel-conseiller', formVersion: 1, answers };

type Fault = 'ok' | 'network' | 'lost' | 'down';
let address = 0;

/**
 * The real endpoint behind a connection that fails as told, noting the order in which the server
 * first applied each mutation.
 */
function flakyServer(faults: Fault[]) {
	const applied: string[] = [];
	let call = 0;
	const fetcher = (async (_url: string, init: RequestInit) => {
		const fault = faults[call++ % faults.length] ?? 'ok';
		if (fault === 'network') throw new TypeError('Failed to fetch');
		if (fault === 'down') return new Response('busy', { status: 503 });
		const response = await api.outbox.POST({
			request: new Request('http://portal.test/api/v1/outbox', init),
			locals: { staff: null, access: 'public' },
			// Each tablet its own address: the quota of new devices per address is not under test.
			getClientAddress: () => `10.9.${(++address >> 8) & 255}.${address & 255}`
		} as never);
		const { results } = await answerOf(response.clone(), outboxAnswerSchema);
		for (const r of results) if (r.status === 'applied') applied.push(r.id);
		if (fault === 'lost') throw new TypeError('connection reset');
		return response;
	}) as unknown as typeof fetch;
	return { fetcher, applied };
}

const open: Lock = async (task) => {
	await task();
	return true;
};

describe('delivery order', () => {
	it('reaches the server in the order she made things, whatever fails on the way', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.constantFrom<Fault>('ok', 'network', 'lost', 'down'), {
					minLength: 1,
					maxLength: 8
				}),
				fc.array(
					fc.record({
						count: fc.integer({ min: 1, max: 4 }),
						gap: fc.integer({ min: 0, max: 20_000 })
					}),
					// At most 20 requests: one tablet's quota for a day (not under test here).
					{ minLength: 2, maxLength: 5 }
				),
				async (faults, bursts) => {
					const db = new PortalDatabase(`order-${++n}`);
					const k = key();
					const { fetcher, applied } = flakyServer(faults);
					let clock = 1_000_000;
					const made: string[] = [];
					// She makes a few things, the tablet tries to send, time passes, again and again.
					for (const burst of bursts) {
						for (let i = 0; i < burst.count; i++) {
							clock += 1;
							made.push((await enqueue(db, 'request.submit', callback, 'x', new Date(clock))).id);
						}
						await flushOutbox(db, { fetch: fetcher, deviceKey: k, lock: open, now: () => clock });
						clock += burst.gap;
					}
					// Then the connection comes back for good.
					await makePendingDue(db);
					const healthy = flakyServer(['ok']);
					for (let i = 0; i < 3; i++) {
						await flushOutbox(db, {
							fetch: healthy.fetcher,
							deviceKey: k,
							lock: open,
							now: () => clock
						});
						clock += 400_000;
					}
					const order = [...applied, ...healthy.applied];
					expect(order).toEqual(made);
					expect((await db.outbox.toArray()).every((i) => i.status === 'sent')).toBe(true);
					db.close();
				}
			),
			{ numRuns: 80 }
		);
	}, 60_000);

	it('sends a cancellation after its booking even when the first send failed', async () => {
		const service = 'aide-numerique-individuelle';
		const { slots } = await api.freeSlots(service);
		const db = new PortalDatabase(`order-${++n}`);
		const k = key();
		let clock = Date.now();
		const booking = await enqueue(
			db,
			'appointment.book',
			bookingPayload(service, 'numerique-seance', slots.at(-1)!.start),
			'RDV',
			new Date(clock)
		);
		const failing = flakyServer(['network']);
		await flushOutbox(db, { fetch: failing.fetcher, deviceKey: k, lock: open, now: () => clock });
		clock += 1;
		const cancel = await enqueue(
			db,
			'appointment.cancel',
			{ appointmentId: booking.id },
			'RDV',
			new Date(clock)
		);
		// The cancellation is new, the booking waits out its backoff: nothing may overtake it.
		const server = flakyServer(['ok']);
		await flushOutbox(db, { fetch: server.fetcher, deviceKey: k, lock: open, now: () => clock });
		expect(server.applied).toEqual([]);
		clock += 60_000;
		await flushOutbox(db, { fetch: server.fetcher, deviceKey: k, lock: open, now: () => clock });
		expect(server.applied).toEqual([booking.id, cancel.id]);
		const mine = (await api.ownRecords(k)).appointments as { id: string; status: string }[];
		expect(mine.find((a) => a.id === booking.id)?.status).toBe('cancelled');
	});
});

describe('items made in the same millisecond', () => {
	it('keep the order they were made in', async () => {
		const db = new PortalDatabase(`same-ms-${++n}`);
		const at = new Date('2026-11-30T10:00:00.000Z');
		const made = [];
		for (let i = 0; i < 5; i++)
			made.push(await enqueue(db, 'request.submit', callback, `${i}`, at));
		const times = made.map((item) => Date.parse(item.createdAt));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(new Set(times).size).toBe(5);
		const sorted = await db.outbox.orderBy('createdAt').toArray();
		expect(sorted.map((item) => item.label)).toEqual(['0', '1', '2', '3', '4']);
		db.close();
	});
});

describe('an item the server will never take', () => {
	it('is split out of its batch, marked for her, and does not block what follows', async () => {
		const db = new PortalDatabase(`poison-${++n}`);
		const k = key();
		const LIMIT = 20_000;
		const { fetcher } = flakyServer(['ok']);
		const bodies: number[] = [];
		// The server's body limit (BODY_SIZE_LIMIT), answered as server/index.js does: 413 in JSON.
		const limited = (async (url: string, init: RequestInit) => {
			bodies.push(String(init.body).length);
			if (String(init.body).length > LIMIT) {
				return new Response(JSON.stringify({ error: { code: 'payload_too_large' } }), {
					status: 413
				});
			}
			return fetcher(url, init);
		}) as unknown as typeof fetch;
		const before = await enqueue(db, 'request.submit', callback, 'avant', new Date(1));
		const huge = await enqueue(
			db,
			'request.submit',
			{ ...callback, answers: { ...answers, question: 'x'.repeat(LIMIT) } },
			'trop long',
			new Date(2)
		);
		const after = await enqueue(db, 'request.submit', callback, 'après', new Date(3));
		await flushOutbox(db, { fetch: limited, deviceKey: k, lock: open });
		expect(await db.outbox.get(huge.id)).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'payload', code: 'tooLarge' }]
		});
		expect((await db.outbox.get(before.id))?.status).toBe('sent');
		expect((await db.outbox.get(after.id))?.status).toBe('sent');
		expect((await api.ownRecords(k)).requests).toHaveLength(2);
		// Halved, then alone: a few tries, not one per item.
		expect(bodies.length).toBeLessThanOrEqual(5);
	});
});

describe('a tab waiting while another one sends', () => {
	it('waits in the lock’s queue: a burst of calls asks for the lock twice at most', async () => {
		// A lock with the Web Locks API's behaviour: requests wait in order.
		let requests = 0;
		let tail = Promise.resolve();
		const queued: Lock = (task) => {
			requests++;
			const run = tail.then(task);
			tail = run.catch(() => undefined);
			return run.then(() => true);
		};
		let release!: () => void;
		// The other tab holds the lock for a while.
		void queued(() => new Promise<void>((r) => (release = r)));
		requests = 0;
		const db = new PortalDatabase(`waiting-${++n}`);
		const k = key();
		const { fetcher, applied } = flakyServer(['ok']);
		let reads = 0;
		const counting = new Proxy(db, {
			get(target, prop, receiver) {
				if (prop === 'outbox') reads++;
				return Reflect.get(target, prop, receiver);
			}
		});
		await enqueue(db, 'request.submit', callback, 'x');
		reads = 0;
		const flush = singleFlight(() =>
			flushOutbox(counting, { fetch: fetcher, deviceKey: k, lock: queued })
		);
		const calls = Array.from({ length: 50 }, () => flush());
		await new Promise((r) => setTimeout(r, 50));
		expect(requests).toBe(1);
		expect(reads).toBe(0);
		release();
		await Promise.all(calls);
		expect(requests).toBeLessThanOrEqual(2);
		expect(applied).toHaveLength(1);
	});
});
