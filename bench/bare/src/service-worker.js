// Keeps the built files and the page for offline use, as any SvelteKit PWA starts.
import { build, files, version } from '$service-worker';

const CACHE = `bare-${version}`;

self.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...build, ...files, '/'])));
});

self.addEventListener('fetch', (event) => {
	if (event.request.method !== 'GET') return;
	event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
});
