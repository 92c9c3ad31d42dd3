/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

const SHELL = '/offline-shell';
const NAVIGATION_TIMEOUT_MS = 3000;

// The build's client assets, fonts and the prerendered shell (the list is injected at build time).
// The page asks for its versioned files as `/display.js?v=…`: the precached copy answers them.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/^v$/] });
cleanupOutdatedCaches();
// The first worker takes charge of the open page at once, so it works offline from the first visit.
// Later versions wait for the person's go-ahead (SKIP_WAITING below).
clientsClaim();

async function shell(): Promise<Response> {
	return (await matchPrecache(SHELL)) ?? Response.error();
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
