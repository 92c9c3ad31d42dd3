import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit bundles src/service-worker.ts, the PWA plugin injects the precache list and registers it.
		serviceWorker: { register: false },
		alias: { $commune: process.env.COMMUNE_DIR ?? 'commune' },
		// Absolute asset paths: the offline shell is served at every address, so relative ones would break.
		paths: { relative: false },
		prerender: { handleHttpError: 'fail' }
	}
};

export default config;
