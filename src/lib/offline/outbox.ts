import type { MutationResult, MutationType } from '$lib/sync/mutations';
import { MAX_BATCH } from '$lib/sync/mutations';
import type { PortalDatabase } from './db';
import type { OutboxItem } from './outbox-types';

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

export async function enqueue(
	db: PortalDatabase,
	type: MutationType,
	payload: unknown,
	label: string,
	now: Date = new Date()
): Promise<OutboxItem> {
	const item: OutboxItem = {
		id: crypto.randomUUID(),
		type,
		payload,
		createdAt: now.toISOString(),
		attempts: 0,
		nextAttemptAt: 0,
		status: 'pending',
		label
	};
	await db.outbox.add(item);
	return item;
}

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
}

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

/** The earliest time a pending item may be sent again, or null when nothing waits. */
export async function nextAttemptAt(db: PortalDatabase): Promise<number | null> {
	const pending = await db.outbox.where('status').equals('pending').toArray();
	return pending.length ? Math.min(...pending.map((i) => i.nextAttemptAt)) : null;
}

/**
 * Sends what is due, oldest first, in one batch. 4xx answers per item are for the person to see
 * (rejected, conflict); a network failure or a 5xx leaves items pending with a later try.
 */
export async function flushOutbox(db: PortalDatabase, deps: FlushDeps): Promise<FlushResult> {
	const now = deps.now ?? Date.now;
	let outcome: FlushResult = { state: 'idle' };
	const ran = await deps.lock(async () => {
		const due = (await db.outbox.where('status').equals('pending').sortBy('createdAt'))
			.filter((item) => item.nextAttemptAt <= now())
			.slice(0, MAX_BATCH);
		if (due.length === 0) return;
		let response: Response;
		try {
			response = await deps.fetch('/api/v1/outbox', {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Device ${deps.deviceKey}` },
				body: JSON.stringify({
					mutations: due.map(({ id, type, payload, createdAt }) => ({
						id,
						type,
						payload,
						createdAt
					}))
				})
			});
		} catch (error) {
			outcome = await postpone(
				db,
				due,
				now(),
				`network: ${(error as Error).message}`,
				true,
				deps.random
			);
			return;
		}
		if (!response.ok) {
			// A 4xx for the whole batch means this app built it wrong: retrying will not help, but
			// the person must not lose her data either, so the items stay pending with a long wait.
			outcome = await postpone(db, due, now(), `HTTP ${response.status}`, false, deps.random);
			return;
		}
		const { results } = (await response.json()) as { results: MutationResult[] };
		const byId = new Map(results.map((r) => [r.id, r]));
		for (const item of due) {
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
		outcome = { state: 'sent', results };
	});
	return ran ? outcome : { state: 'busy' };
}

async function postpone(
	db: PortalDatabase,
	items: OutboxItem[],
	now: number,
	reason: string,
	network: boolean,
	random?: () => number
): Promise<FlushResult> {
	let retryAt = Infinity;
	await db.transaction('rw', db.outbox, async () => {
		for (const item of items) {
			const attempts = item.attempts + 1;
			const next = now + backoffMs(attempts, random);
			retryAt = Math.min(retryAt, next);
			await db.outbox.update(item.id, { attempts, nextAttemptAt: next, lastError: reason });
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

/** One flusher across every tab of the portal, through the Web Locks API when there is one. */
export function browserLock(): Lock {
	if (typeof navigator === 'undefined' || !navigator.locks) return localLock();
	return async (task) => {
		// `ifAvailable`: a tab that finds another one flushing leaves it to that tab.
		const ran: unknown = await navigator.locks.request(
			OUTBOX_LOCK,
			{ ifAvailable: true },
			async (lock) => {
				if (!lock) return false;
				await task();
				return true;
			}
		);
		return ran === true;
	};
}
