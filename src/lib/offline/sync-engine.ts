import { API } from '$lib/contract/client';
import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';
import { liveQuery } from 'dexie';
import { finishPendingEnd } from '$lib/assist/assisted.svelte';
import { META, pullCatalogue, type PullResult } from './catalogue-sync';
import { portalDb, type PortalDatabase } from './db';
import { deviceKey } from './device-key';
import {
	browserLock,
	flushOutbox,
	makePendingDue,
	nextAttemptAt,
	singleFlight,
	type Before,
	type FlushResult
} from './outbox';
import type { OutboxItem } from './outbox-types';
import { pullOwnRecords, pullSlots } from './records-sync';
import { itemPages } from '$lib/documents/in-answers';
import { unreadCount } from '$lib/messages/unread';
import { syncStatus } from './sync-status.svelte';
import { STAFF_MUTATION_TYPES, type MutationResult, type MutationType } from '$lib/contract/outbox';

// The one place where the app talks to the API: pages only read and write the device's store.

/**
 * Runs one sync at a time. A call made while one runs makes it run once more when it ends: the
 * connection may have come back, or something been queued, after the running one sent the outbox.
 */
export const syncNow: () => Promise<void> = singleFlight(syncOnce);

/** Syncs begun in this document (see startSync's first one). */
let syncsBegun = 0;

async function syncOnce(): Promise<void> {
	syncsBegun++;
	const db = portalDb();
	try {
		const hadCatalogue = Boolean(await db.getMeta(META.cursor));
		const pullStart = performance.now();
		const result = await pullOffThread(db);
		// Read by `npm run bench` (the first sync of a large catalogue).
		performance.measure('portal:catalogue-pull', { start: pullStart });
		syncStatus.online = true;
		syncStatus.checkedAt = (await db.getMeta<string>(META.checkedAt)) ?? null;
		// Pages on screen re-read the store. Not on the first fill (what is on screen came from the
		// server and is as fresh), and not during a navigation: invalidating then would cancel it,
		// and its own load reads the store after this commit anyway.
		if (result === 'updated' && hadCatalogue && !navigating.to) void invalidate('app:catalogue');
		await flushNow();
		// After the outbox: what was sent for her with an agent still goes under that agent.
		await finishPendingEnd();
		await refreshRecords();
		// Free times of every bookable service, for booking offline: nobody waits on them, so
		// they come when the tablet has nothing else to do (the booking page fetches its own).
		whenIdle(() => void refreshAllSlots());
	} catch (error) {
		// fetch rejects (TypeError) only when no answer came back at all: the Wi-Fi may still be
		// "connected" while the Internet is not, and the person must be told either way.
		if (error instanceof TypeError) syncStatus.online = false;
		// A page opened offline has not tried its outbox yet: its next try is planned all the same.
		await scheduleRetry();
	}
}

let worker: Worker | undefined;

/**
 * The catalogue's pull, in a worker (catalogue-worker.ts says why); on the page's thread where a
 * module worker cannot start. One pull at a time: `syncNow` is the only caller.
 */
function pullOffThread(db: PortalDatabase): Promise<PullResult> {
	if (typeof Worker === 'undefined') return pullCatalogue(db);
	try {
		worker ??= new Worker(new URL('./catalogue-worker.ts', import.meta.url), { type: 'module' });
	} catch {
		return pullCatalogue(db);
	}
	const running = worker;
	return new Promise<PullResult>((resolve, reject) => {
		const done = () => {
			running.removeEventListener('message', onMessage);
			running.removeEventListener('error', onError);
		};
		const onMessage = (
			event: MessageEvent<{ result?: PullResult; error?: string; network?: boolean }>
		) => {
			done();
			const { result, error, network } = event.data;
			if (result) resolve(result);
			else reject(network ? new TypeError(error) : new Error(error));
		};
		// The worker's script would not load (an old browser, a precache without it): the page pulls.
		const onError = (event: Event) => {
			event.preventDefault();
			done();
			worker = undefined;
			pullCatalogue(db).then(resolve, reject);
		};
		running.addEventListener('message', onMessage);
		running.addEventListener('error', onError);
		running.postMessage('pull');
	});
}

/** Resolves once the device holds a catalogue, pulling one first if it has none yet. */
export async function ensureCatalogue(): Promise<boolean> {
	const db = portalDb();
	if (await db.getMeta(META.cursor)) return true;
	await syncNow();
	return Boolean(await db.getMeta(META.cursor));
}

/**
 * The pages an item carries (a request's papers, the photo of her answer), sent before it. The
 * sending code (tus-js-client) is loaded only for an item that names pages, so no page's first
 * load carries it.
 */
async function pagesBefore(db: PortalDatabase, item: OutboxItem, key: string): Promise<Before> {
	const pages = itemPages(item);
	if (pages.length === 0) return { state: 'ready' };
	const { sendItemPages } = await import('$lib/documents/outbox-pages');
	return sendItemPages(db, pages, key);
}

/**
 * Once the item is applied, the town hall holds each of its pages whole, its hash checked (the
 * server applies it only then): the tablet's copies go, so her papers do not fill it.
 */
async function pagesAfter(db: PortalDatabase, item: OutboxItem, result: MutationResult) {
	if (result.status !== 'applied' && result.status !== 'duplicate') return;
	const ids = itemPages(item).map(({ page }) => page.id);
	if (ids.length > 0) await db.documentPages.bulkDelete(ids);
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;

async function scheduleRetry() {
	clearTimeout(retryTimer);
	const at = await nextAttemptAt(portalDb());
	if (at === null) return;
	retryTimer = setTimeout(() => void flushNow(), Math.max(0, at - Date.now()));
}

/**
 * Sends what waits in the outbox (one tab at a time, one flush at a time in this tab), then plans
 * the next try if needed.
 */
export const flushNow: () => Promise<FlushResult> = singleFlight(flushOnce);

async function flushOnce(): Promise<FlushResult> {
	const db = portalDb();
	syncStatus.sending = true;
	try {
		const key = await deviceKey(db);
		const result = await flushOutbox(db, {
			fetch,
			deviceKey: key,
			lock: browserLock(),
			before: (item) => pagesBefore(db, item, key),
			onResult: (item, result) => pagesAfter(db, item, result)
		});
		if (result.state === 'failed' && result.network) syncStatus.online = false;
		if (result.state === 'sent') {
			syncStatus.online = true;
			await refreshRecords();
		}
		return result;
	} finally {
		syncStatus.sending = false;
		await scheduleRetry();
	}
}

/** Brings the device's copy of its requests and appointments up to date; quiet when offline. */
export async function refreshRecords(): Promise<void> {
	const db = portalDb();
	try {
		await pullOwnRecords(db, fetch, await deviceKey(db));
	} catch {
		// Offline: the copy already on the device is shown.
	}
}

/** What the server holds from this tablet ("Télécharger mes données"); null without a connection. */
export async function fetchMyData(): Promise<unknown> {
	const db = portalDb();
	try {
		const response = await fetch(API.myData, {
			headers: { authorization: `Device ${await deviceKey(db)}` }
		});
		return response.ok ? await response.json() : null;
	} catch {
		return null;
	}
}

const SLOTS_MAX_AGE_MS = 10 * 60_000;

/**
 * The next 14 days of every bookable service, so a booking can be made offline too. Skipped when
 * the device's copy is recent: a sync also runs each time the page comes back into view.
 */
async function refreshAllSlots() {
	const db = portalDb();
	const [services, cached] = await Promise.all([
		db.services.filter((s) => s.bookable).toArray(),
		db.slots.toArray()
	]);
	for (const service of services) {
		const fetchedAt = cached.find((c) => c.serviceId === service.id)?.fetchedAt;
		if (!fetchedAt || Date.now() - Date.parse(fetchedAt) > SLOTS_MAX_AGE_MS)
			await refreshSlots(service.id);
	}
}

/** Refreshes the free slots of a service; false when it could not (the device's copy is used). */
export async function refreshSlots(serviceId: string): Promise<boolean> {
	try {
		await pullSlots(portalDb(), fetch, serviceId);
		return true;
	} catch {
		return false;
	}
}

/**
 * Runs `task` once the page has loaded and the browser is idle (or after 3 s at the latest): the
 * first visit's sync must not compete with her first page for the network and the processor.
 */
export function whenIdle(task: () => void) {
	const idle = () =>
		'requestIdleCallback' in window
			? requestIdleCallback(() => task(), { timeout: 3000 })
			: setTimeout(task, 200);
	if (document.readyState === 'complete') idle();
	else window.addEventListener('load', () => idle(), { once: true });
}

let started = false;

/** Starts the sync: now, when the connection returns and whenever the page comes back into view. */
export function startSync(): () => void {
	if (started) return () => {};
	started = true;
	const db = portalDb();
	syncStatus.online = navigator.onLine;
	void db.getMeta<string>(META.checkedAt).then((checkedAt) => {
		syncStatus.checkedAt = checkedAt ?? null;
	});
	// Counts stay right across tabs: Dexie tells every tab when the outbox changes.
	// Hers only: an agent's status changes are shown in the staff area, not as "Mes demandes".
	// Nor her read receipts: they are no sending of hers to wait for.
	const hers = (item: { type: MutationType }) =>
		!STAFF_MUTATION_TYPES.includes(item.type) && item.type !== 'message.seen';
	const counts = liveQuery(async () => {
		const mine = await db.outbox
			.where('status')
			.anyOf('pending', 'rejected', 'conflict')
			.filter(hers)
			.toArray();
		const count = (pending: boolean) => {
			// To review: refusals she has not seen yet (markSeen); waiting: every pending one.
			const some = mine.filter((i) =>
				pending ? i.status === 'pending' : i.status !== 'pending' && !i.seenAt
			);
			const bookings = some.filter((i) => i.type.startsWith('appointment.')).length;
			return { requests: some.length - bookings, bookings };
		};
		return { waiting: count(true), toReview: count(false) };
	}).subscribe(({ waiting, toReview }) => {
		syncStatus.waiting = waiting;
		syncStatus.toReview = toReview;
	});
	const unread = liveQuery(() => unreadCount(db)).subscribe((count) => {
		syncStatus.unread = count;
	});
	// Asking keeps the browser from evicting what the person relies on offline; a refusal is fine.
	void navigator.storage?.persist?.().catch(() => false);
	const onOnline = () => {
		syncStatus.online = true;
		void makePendingDue(db).then(syncNow);
	};
	const onOffline = () => {
		syncStatus.online = false;
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') void syncNow();
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);
	document.addEventListener('visibilitychange', onVisible);
	// Some browsers miss the "online" event (Chromium's offline emulation, seen with version 150;
	// tablets waking on a captive Wi-Fi): the connection's return is also noticed by looking.
	const watch = setInterval(() => {
		if (!syncStatus.online && navigator.onLine) onOnline();
	}, 5_000);
	// The document's first sync. Pages that need the device's copy before it exists ask for it at
	// once (ensureCatalogue): one begun that way is this one, and a second right after it fetched
	// the catalogue, her requests and the free times again (seen on a first visit's booking page).
	whenIdle(() => {
		if (syncsBegun === 0) void syncNow();
	});
	return () => {
		started = false;
		counts.unsubscribe();
		unread.unsubscribe();
		clearTimeout(retryTimer);
		clearInterval(watch);
		window.removeEventListener('online', onOnline);
		window.removeEventListener('offline', onOffline);
		document.removeEventListener('visibilitychange', onVisible);
	};
}
