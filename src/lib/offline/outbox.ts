import { API, answerOf } from '$lib/contract/client';
import { outboxAnswerSchema } from '$lib/contract/outbox';
import type { MutationError, MutationResult, MutationType, Payload } from '$lib/contract/outbox';
import { MAX_BATCH } from '$lib/contract/outbox';
import type { PortalDatabase } from './db';
import type { OutboxItem, OutboxItemOf } from './outbox-types';

export const OUTBOX_LOCK = 'portail-seniors-outbox';
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Wait before the next try after `attempts` failures: doubling from 2 s up to 5 min, with jitter
 * so that many tablets coming back online together do not all call at the same instant.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
	const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
	return Math.round(base * (0.5 + random() / 2));
}

export async function enqueue<T extends MutationType>(
	db: PortalDatabase,
	type: T,
	payload: Payload<T>,
	label: string | { text: string; lang: string | undefined },
	now: Date = new Date()
): Promise<OutboxItemOf<T>> {
	return db.transaction('rw', db.outbox, async () => {
		// The queue's order is its items' `createdAt`: two made in the same millisecond (a booking
		// and its change, from one tap) must not tie, or they could be sent the wrong way round.
		const last = await db.outbox.orderBy('createdAt').last();
		const at = Math.max(now.getTime(), last ? Date.parse(last.createdAt) + 1 : 0);
		const item: OutboxItemOf<T> = {
			id: crypto.randomUUID(),
			type,
			payload: plainCopy(payload),
			createdAt: new Date(at).toISOString(),
			attempts: 0,
			nextAttemptAt: 0,
			status: 'pending',
			...(typeof label === 'string'
				? { label }
				: { label: label.text, ...(label.lang ? { labelLang: label.lang } : {}) })
		};
		// Its type and payload belong together (OutboxItemOf<T>); the table holds every type's.
		await db.outbox.add(item as OutboxItem);
		return item;
	});
}

/**
 * What goes on the wire, as a plain copy: a page's reactive state (a Svelte proxy, with a nested
 * contact) cannot be stored in IndexedDB (structuredClone refuses proxies), and later edits must
 * not reach the queue. JSON data in, the same data out: its type is unchanged.
 */
const plainCopy = <P>(payload: P): P => JSON.parse(JSON.stringify(payload)) as P;

/** Runs `task` only if no other tab is already flushing; answers false when it did not run. */
export type Lock = (task: () => Promise<void>) => Promise<boolean>;

export interface FlushDeps {
	fetch: typeof fetch;
	deviceKey: string;
	lock: Lock;
	now?: () => number;
	random?: () => number;
	/** Called after a result is stored, e.g. to keep "Mes demandes" in step. */
	onResult?: (item: OutboxItem, result: MutationResult) => Promise<void>;
	/**
	 * Sends what an item needs the server to hold before it (a request's document pages); the
	 * item goes only when this says ready. Without it, items carry nothing beside themselves.
	 */
	before?: (item: OutboxItem) => Promise<Before>;
}

/** What must reach the server before an item, where it stands (see FlushDeps.before). */
export type Before =
	| { state: 'ready' }
	| { state: 'refused'; errors: MutationError[] }
	| { state: 'failed'; network: boolean; reason: string };

export type FlushResult =
	| { state: 'busy' }
	| { state: 'idle' }
	| { state: 'sent'; results: MutationResult[] }
	| { state: 'failed'; reason: string; retryAt: number; network: boolean };

/**
 * The connection is back: everything waiting is due now. The backoff spares a failing server,
 * but waits built up while offline (up to 5 min) would hold back what she sent for no reason,
 * and items sent in separate batches would reach the server out of step.
 */
export async function makePendingDue(db: PortalDatabase): Promise<void> {
	// The count starts again too: a failure now is a new connection's, not the tenth offline one.
	await db.outbox.where('status').equals('pending').modify({ nextAttemptAt: 0, attempts: 0 });
}

/** Pending items in the order she made them: the order the server must apply them in. */
function pendingInOrder(db: PortalDatabase): Promise<OutboxItem[]> {
	return db.outbox.where('status').equals('pending').sortBy('createdAt');
}

/**
 * When the queue may be sent again, or null when nothing waits. The queue has one backoff, so
 * this is the oldest pending item's: what is behind it waits with it, never overtakes it.
 */
export async function nextAttemptAt(db: PortalDatabase): Promise<number | null> {
	const [head] = await pendingInOrder(db);
	return head ? head.nextAttemptAt : null;
}

/** The server's word for a batch it would not read (too large, or malformed). */
const UNREADABLE: Record<number, string> = { 413: 'tooLarge', 400: 'invalidFormat' };

/**
 * Sends what is due, oldest first, in batches, until nothing is due. Items reach the server in the
 * order she made them: after a failure the whole queue waits one backoff together, and sending
 * stops at the first item not yet due. 4xx answers per item are for the person to see (rejected,
 * conflict); a network failure or a 5xx leaves the queue pending with a later try. A batch the
 * server will not read (413, 400) is split; one item it will not read alone is marked rejected
 * and shown to her, so it never blocks what comes after it.
 */
export async function flushOutbox(db: PortalDatabase, deps: FlushDeps): Promise<FlushResult> {
	const now = deps.now ?? Date.now;
	let outcome: FlushResult = { state: 'idle' };
	const sent: MutationResult[] = [];
	const ran = await deps.lock(async () => {
		let size = MAX_BATCH;
		for (;;) {
			const pending = await pendingInOrder(db);
			const firstWaiting = pending.findIndex((item) => item.nextAttemptAt > now());
			const due = pending.slice(0, firstWaiting === -1 ? pending.length : firstWaiting);
			const batch = due.slice(0, size);
			if (batch.length === 0) break;
			// What an item needs sent first (its pages) is sent in the queue's order too: the batch
			// stops before an item whose pages are not all in, and goes without it.
			const ready = await readyPart(db, batch, now(), deps);
			// An item refused for what it needed is stored as such: the queue is read again.
			if (ready.kind === 'refused') continue;
			if (ready.kind === 'waiting') {
				// The head cannot go: the whole queue waits one backoff, as after a failed send.
				if (ready.index === 0) {
					outcome = await postpone(db, pending, now(), ready.reason, ready.network, deps.random);
					return;
				}
				// What comes before it goes now; it leads the next round.
				batch.splice(ready.index);
			}
			let response: Response;
			try {
				response = await deps.fetch(API.outbox, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						authorization: `Device ${deps.deviceKey}`
					},
					body: JSON.stringify({
						mutations: batch.map(({ id, type, payload, createdAt }) => ({
							id,
							type,
							payload,
							createdAt
						}))
					})
				});
			} catch (error) {
				const reason = `network: ${(error as Error).message}`;
				outcome = await postpone(db, pending, now(), reason, true, deps.random);
				return;
			}
			const unreadable = UNREADABLE[response.status];
			if (unreadable && batch.length > 1) {
				size = Math.ceil(batch.length / 2);
				continue;
			}
			if (unreadable) {
				await refuseAlone(db, batch[0]!, unreadable, now(), deps);
				continue;
			}
			if (!response.ok) {
				// A 4xx for the whole batch means this app built it wrong: retrying will not help, but
				// the person must not lose her data either, so the items stay pending with a long wait.
				const reason = `HTTP ${response.status}`;
				outcome = await postpone(db, pending, now(), reason, false, deps.random);
				return;
			}
			const { results } = await answerOf(response, outboxAnswerSchema);
			const byId = new Map(results.map((r) => [r.id, r]));
			for (const item of batch) {
				const result = byId.get(item.id);
				if (!result) continue;
				const status =
					result.status === 'applied' || result.status === 'duplicate' ? 'sent' : result.status;
				const stored: OutboxItem = {
					...item,
					status,
					attempts: item.attempts + 1,
					reference: result.reference,
					recordId: result.recordId,
					errors: result.errors,
					alternatives: result.alternatives,
					sentAt: new Date(now()).toISOString()
				};
				await db.outbox.put(stored);
				await deps.onResult?.(stored, result);
			}
			sent.push(...results);
			outcome = { state: 'sent', results: sent };
			// An answer that left items out (never from this server): they wait, not in a loop.
			if (batch.some((item) => !byId.has(item.id))) {
				const left = (await pendingInOrder(db)).filter((item) => batch.includes(item));
				await postpone(db, left, now(), 'no answer', false, deps.random);
				return;
			}
		}
	});
	return ran ? outcome : { state: 'busy' };
}

/**
 * Runs `deps.before` on the batch's items in order: refused when an item was refused for what it
 * needed (stored as such), waiting with the first item not ready and why, or ready.
 */
async function readyPart(
	db: PortalDatabase,
	batch: OutboxItem[],
	at: number,
	deps: FlushDeps
): Promise<
	| { kind: 'ready' }
	| { kind: 'refused' }
	| { kind: 'waiting'; index: number; reason: string; network: boolean }
> {
	if (!deps.before) return { kind: 'ready' };
	for (const [index, item] of batch.entries()) {
		const before = await deps.before(item);
		if (before.state === 'ready') continue;
		if (before.state === 'refused') {
			await refuse(db, item, before.errors, at, deps);
			return { kind: 'refused' };
		}
		return { kind: 'waiting', index, reason: before.reason, network: before.network };
	}
	return { kind: 'ready' };
}

/** One item the server will not take, whatever happens: she is told, and told whom to call. */
async function refuseAlone(
	db: PortalDatabase,
	item: OutboxItem,
	code: string,
	at: number,
	deps: FlushDeps
) {
	await refuse(db, item, [{ field: 'payload', code, message: code }], at, deps);
}

/** Stores an item as refused with `errors`, as if the server had said so. */
async function refuse(
	db: PortalDatabase,
	item: OutboxItem,
	errors: MutationError[],
	at: number,
	deps: FlushDeps
) {
	const result: MutationResult = { id: item.id, status: 'rejected', errors };
	const stored: OutboxItem = {
		...item,
		status: 'rejected',
		attempts: item.attempts + 1,
		errors: result.errors,
		sentAt: new Date(at).toISOString()
	};
	await db.outbox.put(stored);
	await deps.onResult?.(stored, result);
}

/** The queue waits one backoff, the same for every item in it, so none overtakes another. */
async function postpone(
	db: PortalDatabase,
	items: OutboxItem[],
	now: number,
	reason: string,
	network: boolean,
	random?: () => number
): Promise<FlushResult> {
	const attempts = Math.max(0, ...items.map((item) => item.attempts)) + 1;
	const retryAt = now + backoffMs(attempts, random);
	await db.transaction('rw', db.outbox, async () => {
		for (const item of items) {
			await db.outbox.update(item.id, { attempts, nextAttemptAt: retryAt, lastError: reason });
		}
	});
	return { state: 'failed', reason, retryAt, network };
}

/** A lock for this tab only, where the Web Locks API is missing (older Safari). */
export function localLock(): Lock {
	let busy = false;
	return async (task) => {
		if (busy) return false;
		busy = true;
		try {
			await task();
			return true;
		} finally {
			busy = false;
		}
	};
}

/**
 * One flusher across every tab of the portal, through the Web Locks API when there is one. A tab
 * that finds another one flushing waits in the lock's queue (the browser wakes it), then sends
 * whatever is still due: it never asks again and again while it waits.
 */
export function browserLock(): Lock {
	if (typeof navigator === 'undefined' || !navigator.locks) return localLock();
	return async (task) => {
		await navigator.locks.request(OUTBOX_LOCK, task);
		return true;
	};
}

/**
 * One flush at a time in this tab: a call while one runs asks for one more run after it (new
 * items may have come), and shares its answer; never a queue of calls, never a loop.
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
	let current: Promise<T> | null = null;
	let again = false;
	return () => {
		if (current) {
			again = true;
			return current;
		}
		current = (async () => {
			try {
				let result = await run();
				while (again) {
					again = false;
					result = await run();
				}
				return result;
			} finally {
				current = null;
			}
		})();
		return current;
	};
}

/**
 * Refusals she has now seen (their page, or her list showing them): the "à revoir" banner stops
 * asking about them. Only refusals are marked; one already seen keeps its first date.
 */
export async function markSeen(db: PortalDatabase, ids: readonly string[]): Promise<void> {
	if (ids.length === 0) return;
	const at = new Date().toISOString();
	await db.outbox
		.where('id')
		.anyOf([...ids])
		.filter((item) => (item.status === 'rejected' || item.status === 'conflict') && !item.seenAt)
		.modify({ seenAt: at });
}
