import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';
import { META, pullCatalogue } from './catalogue-sync';
import { portalDb } from './db';
import { syncStatus } from './sync-status.svelte';

let inFlight: Promise<void> | null = null;

/** Runs one catalogue pull at a time; later callers share the running one. */
export function syncNow(): Promise<void> {
	inFlight ??= (async () => {
		const db = portalDb();
		syncStatus.syncing = true;
		try {
			const hadCatalogue = Boolean(await db.getMeta(META.cursor));
			const result = await pullCatalogue(db);
			syncStatus.lastError = null;
			syncStatus.online = true;
			syncStatus.checkedAt = (await db.getMeta<string>(META.checkedAt)) ?? null;
			// Pages on screen re-read the store. Not on the first fill (what is on screen came from the
			// server and is as fresh), and not during a navigation: invalidating then would cancel it,
			// and its own load reads the store after this commit anyway.
			if (result === 'updated' && hadCatalogue && !navigating.to) void invalidate('app:catalogue');
		} catch (error) {
			syncStatus.lastError = error instanceof Error ? error.message : String(error);
			// fetch rejects (TypeError) only when no answer came back at all: the Wi-Fi may still be
			// "connected" while the Internet is not, and the person must be told either way.
			if (error instanceof TypeError) syncStatus.online = false;
		} finally {
			syncStatus.syncing = false;
			inFlight = null;
		}
	})();
	return inFlight;
}

/** Resolves once the device holds a catalogue, pulling one first if it has none yet. */
export async function ensureCatalogue(): Promise<boolean> {
	const db = portalDb();
	if (await db.getMeta(META.cursor)) return true;
	await syncNow();
	return Boolean(await db.getMeta(META.cursor));
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
	// Asking keeps the browser from evicting what the person relies on offline; a refusal is fine.
	void navigator.storage?.persist?.().catch(() => false);
	const onOnline = () => {
		syncStatus.online = true;
		void syncNow();
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
	void syncNow();
	return () => {
		started = false;
		window.removeEventListener('online', onOnline);
		window.removeEventListener('offline', onOffline);
		document.removeEventListener('visibilitychange', onVisible);
	};
}
