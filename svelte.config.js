import adapter from '@sveltejs/adapter-node';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { sourceDigest } from './scripts/build-if-changed.js';

// The head script (static/display.js) is written into each page by hooks.server.ts: allowed by
// its hash, since the prerendered offline shell has no nonce.
const displayScriptHash = `sha256-${createHash('sha256')
	.update(readFileSync('static/display.js', 'utf8'))
	.digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// The build's name, which the pages' scripts and the server must share (it names the global
		// the page hands its data in). Left to SvelteKit it is the time this file was read, and a
		// build that read it twice gave a server and scripts 220 ms apart: every page drawn on the
		// tablet stopped at "Chargement…" (a fresh clone under load, seen once). The sources' digest
		// names the same sources the same, however often it is read.
		version: { name: sourceDigest().slice(0, 16) },
		// SvelteKit bundles src/service-worker.ts, the PWA plugin injects the precache list and registers it.
		serviceWorker: { register: false },
		alias: { $commune: process.env.COMMUNE_DIR ?? 'commune', $tests: 'tests' },
		// Absolute asset paths: the offline shell is served at every address, so relative ones would break.
		paths: { relative: false },
		prerender: { handleHttpError: 'fail' },
		// Cross-site posts are refused by the portal's own check (isForged, in hooks.server.ts), which
		// covers every body type and answers in the API's JSON shape; SvelteKit's answers plain text.
		csrf: { trustedOrigins: ['*'] },
		// No inline script runs unless SvelteKit itself wrote it (nonce on rendered pages, hash on the
		// prerendered offline shell): a payload slipped into a text cannot execute. Inline styles stay
		// allowed, for the `style` attributes components set.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', /** @type {`sha256-${string}`} */ (displayScriptHash)],
				'style-src': ['self', 'unsafe-inline'],
				// blob: her document's pages, shown from the tablet's own copy (made by the page itself).
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
