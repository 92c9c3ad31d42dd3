/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

const SHELL = '/offline-shell';
const NAVIGATION_TIMEOUT_MS = 3000;

// The build's client assets, fonts and the prerendered shell (the list is injected at build time).
const manifest = self.__WB_MANIFEST;
const precache = new PrecacheController();
precache.addToCacheList(manifest);
/** Files named without a content hash: fetched past the browser's cache, as Workbox does. */
const revisioned = new Set(
	manifest.flatMap((entry) =>
		typeof entry !== 'string' && entry.revision ? [new URL(entry.url, self.location.href).href] : []
	)
);
/** As many downloads at once as a browser opens connections to one server. */
const PRECACHE_DOWNLOADS = 6;

/**
 * Workbox's own install downloads its ~160 files one after another: on a slow 4G line each waits
 * a round trip, and the tablet was ready offline only 24 s after a first visit. Six at a time, as
 * the page itself loads them; each file is fetched and stored by Workbox's precache strategy, as
 * before, so a failed download still fails the install and the previous version stays.
 */
async function install(event: ExtendableEvent): Promise<void> {
	const entries = [...precache.getURLsToCacheKeys()];
	let next = 0;
	const downloader = async () => {
		while (next < entries.length) {
			const [url, cacheKey] = entries[next++]!;
			const request = new Request(url, {
				integrity: precache.getIntegrityForCacheKey(cacheKey),
				cache: revisioned.has(url) ? 'reload' : undefined,
				credentials: 'same-origin'
			});
			await Promise.all(precache.strategy.handleAll({ params: { cacheKey }, request, event }));
		}
	};
	await Promise.all(Array.from({ length: PRECACHE_DOWNLOADS }, downloader));
}

self.addEventListener('install', (event) => event.waitUntil(install(event)));
self.addEventListener('activate', (event) => void precache.activate(event));
// The page asks for its logo as `/commune/logo.svg?v=…`: the precached copy answers it.
registerRoute(new PrecacheRoute(precache, { ignoreURLParametersMatching: [/^v$/] }));
cleanupOutdatedCaches();
// The first worker takes charge of the open page at once, so it works offline from the first visit.
// Later versions wait for the person's go-ahead (SKIP_WAITING below).
clientsClaim();

async function shell(): Promise<Response> {
	return (await precache.matchPrecache(SHELL)) ?? Response.error();
}

/**
 * Pages: the server's fresh rendering when it answers within a few seconds, otherwise the shell,
 * which boots the app on the asked-for address and renders it from what the device holds. Server
 * pages are never cached: an old page would point at assets a newer build has removed.
 */
async function navigate({ request }: { request: Request }): Promise<Response> {
	const timeout = new Promise<null>((resolve) =>
		setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS)
	);
	try {
		const response = await Promise.race([fetch(request), timeout]);
		if (response && response.status < 500) return response;
	} catch {
		// No network: the shell below.
	}
	return shell();
}

registerRoute(new NavigationRoute(navigate, { denylist: [/^\/api\//] }));

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** A notice from the town hall (web-push, RFC 8291): shown at once, even with the portal closed. */
interface PushNotice {
	title: string;
	body: string;
	url: string;
	lang?: string;
}

self.addEventListener('push', (event) => {
	let notice: PushNotice;
	try {
		notice = event.data?.json() as PushNotice;
	} catch {
		return;
	}
	if (!notice?.title) return;
	event.waitUntil(
		self.registration.showNotification(notice.title, {
			body: notice.body,
			icon: '/commune/icon-192.png',
			lang: notice.lang,
			// A push service delivers again what it thinks was lost: the same notice replaces itself.
			tag: `${notice.url} ${notice.title}`,
			data: { url: notice.url }
		})
	);
});

/** Tapping the notice opens its page (her appointments, the answer page), in an open tab if any. */
self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = new URL(
		(event.notification.data as { url?: string } | undefined)?.url ?? '/',
		self.location.origin
	);
	event.waitUntil(
		(async () => {
			const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const same = open.find((c) => new URL(c.url).origin === url.origin) as
				WindowClient | undefined;
			if (same && url.origin === self.location.origin) {
				// The page first: focusing may be refused (no user gesture left), never the page.
				await same.navigate(url.href);
				await same.focus().catch(() => undefined);
				return;
			}
			await self.clients.openWindow(url.href);
		})()
	);
});
