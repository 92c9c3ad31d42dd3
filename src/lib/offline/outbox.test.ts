import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiHarness } from '$tests/support/api-harness';
import { PortalDatabase } from './db';
import { bookingPayload } from '$tests/support/fixtures';
import {
	backoffMs,
	enqueue,
	flushOutbox,
	localLock,
	makePendingDue,
	nextAttemptAt,
	type FlushDeps
} from './outbox';

const api = await apiHarness();
let n = 0;
const device = () => new PortalDatabase(`outbox-${++n}`);
const key = () => randomBytes(32).toString('base64url');

/** The real outbox endpoint, in-process, counting the POSTs it receives. */
function server() {
	const calls = { posts: 0 };
	const fetcher = (async (_url: string, init: RequestInit) => {
		calls.posts++;
		return api.outbox.POST({
			request: new Request('http://portal.test/api/v1/outbox', init),
			locals: { staff: null, access: 'public' },
			getClientAddress: () => `10.8.${(calls.posts >> 8) & 255}.${calls.posts & 255}`
		} as never);
	}) as unknown as typeof fetch;
	return { calls, fetcher };
}

const answers = {
	nom: 'Jeanne Martin',
	telephone: '06 12 34 56 78',
	moment: 'matin',
	question: 'Comment obtenir la téléassistance ?'
};
const callback = (a: Record<string, unknown> = answers) => ({
	formId: 'rappel-conseiller',
	formVersion: 1,
	answers: a
});

function deps(fetcher: typeof fetch, deviceKey: string, extra: Partial<FlushDeps> = {}): FlushDeps {
	return { fetch: fetcher, deviceKey, lock: localLock(), random: () => 1, ...extra };
}

async function requestsOf(deviceKey: string) {
	return (await api.ownRecords(deviceKey)).requests as { id: string; reference: string }[];
}

describe('backoff', () => {
	it('doubles from 2 s and stops growing at 5 minutes, with jitter down to half', () => {
		expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 1))).toEqual([2000, 4000, 8000, 16000]);
		expect(backoffMs(30, () => 1)).toBe(300_000);
		expect(backoffMs(1, () => 0)).toBe(1000);
	});
});

describe('flushing the outbox', () => {
	it('sends a queued request and keeps its reference', async () => {
		const db = device();
		const k = key();
		const { fetcher } = server();
		const item = await enqueue(db, 'request.submit', callback(), 'Être rappelé');
		const result = await flushOutbox(db, deps(fetcher, k));
		expect(result.state).toBe('sent');
		const stored = await db.outbox.get(item.id);
		expect(stored).toMatchObject({ status: 'sent', attempts: 1, recordId: item.id });
		expect(stored?.reference).toMatch(/^D-/);
		expect(await requestsOf(k)).toHaveLength(1);
	});

	it('keeps items pending after a network failure and retries after the backoff', async () => {
		const db = device();
		const k = key();
		let clock = 1_000_000;
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		const item = await enqueue(db, 'request.submit', callback(), 'Être rappelé');
		const failed = await flushOutbox(db, deps(offline, k, { now: () => clock }));
		expect(failed).toMatchObject({ state: 'failed', retryAt: clock + 2000 });
		expect(await db.outbox.get(item.id)).toMatchObject({ status: 'pending', attempts: 1 });
		expect(await nextAttemptAt(db)).toBe(clock + 2000);

		const { fetcher, calls } = server();
		expect((await flushOutbox(db, deps(fetcher, k, { now: () => clock }))).state).toBe('idle');
		expect(calls.posts).toBe(0);
		clock += 2000;
		expect((await flushOutbox(db, deps(fetcher, k, { now: () => clock }))).state).toBe('sent');
		expect(await requestsOf(k)).toHaveLength(1);
	});

	it('sends everything waiting together once the connection is back, whatever the backoff', async () => {
		const db = device();
		const k = key();
		let clock = 2_000_000;
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		await enqueue(db, 'request.submit', callback(), 'Première');
		for (let i = 0; i < 6; i++) {
			clock = Math.max(clock, (await nextAttemptAt(db)) ?? 0);
			await flushOutbox(db, deps(offline, k, { now: () => clock }));
		}
		clock += 1;
		await enqueue(db, 'request.submit', callback(), 'Seconde');
		// The first waits minutes after six failures; the second waits with it, never before it.
		const head = (await db.outbox.toArray()).find((i) => i.label === 'Première')!;
		expect(head.nextAttemptAt - clock).toBeGreaterThan(60_000);
		expect(await nextAttemptAt(db)).toBe(head.nextAttemptAt);
		expect((await flushOutbox(db, deps(server().fetcher, k, { now: () => clock }))).state).toBe(
			'idle'
		);
		await makePendingDue(db);
		const { fetcher, calls } = server();
		const sent = await flushOutbox(db, deps(fetcher, k, { now: () => clock }));
		expect(sent).toMatchObject({ state: 'sent' });
		expect(calls.posts).toBe(1);
		expect(await requestsOf(k)).toHaveLength(2);
	});

	it('retries after a 5xx', async () => {
		const db = device();
		await enqueue(db, 'request.submit', callback(), 'Être rappelé');
		const down = (async () => new Response('busy', { status: 503 })) as unknown as typeof fetch;
		expect(await flushOutbox(db, deps(down, key()))).toMatchObject({
			state: 'failed',
			reason: 'HTTP 503'
		});
		expect((await db.outbox.toArray())[0]?.status).toBe('pending');
	});

	it('over its day’s changes, keeps the batch whole and sends it once the server takes it', async () => {
		const { serverConfig } = await import('$lib/server/config');
		const quotas = serverConfig.quotas as { mutationsPerDay: number };
		const before = quotas.mutationsPerDay;
		const db = device();
		const tablet = key();
		const { fetcher } = server();
		await enqueue(db, 'request.submit', callback(), 'Être rappelé');
		await enqueue(db, 'request.submit', callback(), 'Être rappelé');
		quotas.mutationsPerDay = 1;
		try {
			expect(await flushOutbox(db, deps(fetcher, tablet))).toMatchObject({
				state: 'failed',
				reason: 'HTTP 429'
			});
			expect((await db.outbox.toArray()).map((i) => i.status)).toEqual(['pending', 'pending']);
			expect(await requestsOf(tablet)).toHaveLength(0);
		} finally {
			quotas.mutationsPerDay = before;
		}
		await makePendingDue(db);
		expect(await flushOutbox(db, deps(fetcher, tablet))).toMatchObject({ state: 'sent' });
		expect(await requestsOf(tablet)).toHaveLength(2);
	});

	it('an answer lost after the server committed: the retry is a duplicate, one request exists', async () => {
		const db = device();
		const k = key();
		const { fetcher } = server();
		const lossy = (async (url: string, init: RequestInit) => {
			await fetcher(url, init);
			throw new TypeError('connection reset');
		}) as unknown as typeof fetch;
		let clock = 5_000_000;
		const item = await enqueue(db, 'request.submit', callback(), 'Être rappelé');
		expect((await flushOutbox(db, deps(lossy, k, { now: () => clock }))).state).toBe('failed');
		clock += 10_000;
		const retry = await flushOutbox(db, deps(fetcher, k, { now: () => clock }));
		expect(retry).toMatchObject({ state: 'sent', results: [{ id: item.id, status: 'duplicate' }] });
		expect((await db.outbox.get(item.id))?.status).toBe('sent');
		expect(await requestsOf(k)).toHaveLength(1);
	});

	it('marks a rejected item for the person to fix, with the reasons in plain words', async () => {
		const db = device();
		const { fetcher } = server();
		const item = await enqueue(
			db,
			'request.submit',
			callback({ ...answers, telephone: '12' }),
			'Être rappelé'
		);
		await flushOutbox(db, deps(fetcher, key()));
		const stored = await db.outbox.get(item.id);
		expect(stored?.status).toBe('rejected');
		expect(stored?.errors).toEqual([
			expect.objectContaining({
				field: 'answers.telephone',
				code: 'invalidPhone',
				message: expect.stringContaining('10 chiffres')
			})
		]);
	});

	it('marks a booking whose slot was taken as a conflict, with alternatives', async () => {
		const service = 'plateforme-repit';
		const { slots } = await api.freeSlots(service);
		const slot = slots.find((s) => s.appointmentTypeId === 'repit-entretien')!;
		const { fetcher } = server();
		const first = device();
		const second = device();
		const booking = bookingPayload(service, 'repit-entretien', slot.start);
		await enqueue(first, 'appointment.book', booking, 'Répit');
		const late = await enqueue(second, 'appointment.book', booking, 'Répit');
		await flushOutbox(first, deps(fetcher, key()));
		await flushOutbox(second, deps(fetcher, key()));
		const stored = await second.outbox.get(late.id);
		expect(stored?.status).toBe('conflict');
		expect(stored?.alternatives?.length).toBeGreaterThan(0);
	});

	it('lets one tab flush at a time: the other finds the lock taken and sends nothing', async () => {
		const name = `shared-${++n}`;
		const tabA = new PortalDatabase(name);
		const tabB = new PortalDatabase(name);
		const k = key();
		const { fetcher, calls } = server();
		const lock = localLock();
		await enqueue(tabA, 'request.submit', callback(), 'Être rappelé');
		const [a, b] = await Promise.all([
			flushOutbox(tabA, deps(fetcher, k, { lock })),
			flushOutbox(tabB, deps(fetcher, k, { lock }))
		]);
		expect([a.state, b.state].sort()).toEqual(['busy', 'sent']);
		expect(calls.posts).toBe(1);
		expect(await requestsOf(k)).toHaveLength(1);
	});
});

describe('what an item needs sent before it (a request’s pages)', () => {
	it('holds the queue at an item whose pages cannot go yet; what is before it goes', async () => {
		const db = device();
		const k = key();
		const { calls, fetcher } = server();
		const first = await enqueue(db, 'request.submit', callback(), 'Premier');
		const second = await enqueue(db, 'request.submit', callback(), 'Avec ses papiers');
		const third = await enqueue(db, 'request.submit', callback(), 'Après');
		const asked: string[] = [];
		const before: FlushDeps['before'] = async (item) => {
			asked.push(item.label);
			return item.id === second.id
				? { state: 'failed', network: true, reason: 'network: offline' }
				: { state: 'ready' };
		};
		const result = await flushOutbox(db, deps(fetcher, k, { before, now: () => 1_000 }));
		expect(result).toMatchObject({ state: 'failed', network: true });
		expect(calls.posts).toBe(1);
		expect((await db.outbox.get(first.id))?.status).toBe('sent');
		// The one waiting for its pages, and the one after it: pending, in order, one backoff.
		const [waiting, after] = [await db.outbox.get(second.id), await db.outbox.get(third.id)];
		expect([waiting?.status, after?.status]).toEqual(['pending', 'pending']);
		expect(waiting?.nextAttemptAt).toBe(after?.nextAttemptAt);
		expect(waiting?.nextAttemptAt).toBeGreaterThan(1_000);
		expect(asked).toEqual(['Premier', 'Avec ses papiers', 'Avec ses papiers']);
	});

	it('refuses to her an item whose page the town hall refused, and sends what follows', async () => {
		const db = device();
		const k = key();
		const { calls, fetcher } = server();
		const refused = await enqueue(db, 'request.submit', callback(), 'Photo floue');
		const next = await enqueue(db, 'request.submit', callback(), 'Suivante');
		const error = { field: 'answers.avis', code: 'pageUnreadable', message: 'pageUnreadable' };
		const before: FlushDeps['before'] = async (item) =>
			item.id === refused.id ? { state: 'refused', errors: [error] } : { state: 'ready' };
		const result = await flushOutbox(db, deps(fetcher, k, { before }));
		expect(result.state).toBe('sent');
		expect(await db.outbox.get(refused.id)).toMatchObject({ status: 'rejected', errors: [error] });
		expect((await db.outbox.get(next.id))?.status).toBe('sent');
		expect(calls.posts).toBe(1);
		expect(await requestsOf(k)).toHaveLength(1);
	});
});
