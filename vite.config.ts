import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { assetVersions } from './server/asset-versions.js';
import { readCommuneForBuild } from './scripts/commune-assets.js';

const commune = readCommuneForBuild();
// After readCommuneForBuild, which writes the commune's theme.css and logo into static/.
const versions = assetVersions('static');

/** Tests that change what only a whole process may: its umask (backup.test.ts). */
const PROCESS_TESTS = ['src/lib/server/db/backup.test.ts'];

export default defineConfig({
	define: { __ASSET_VERSIONS__: JSON.stringify(versions) },
	build: {
		// Fonts stay files of their own (fingerprinted, cached for good): the page's policy allows
		// fonts from the site only, not from data: addresses.
		assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined)
	},
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.js',
			// A waiting worker only takes over when the person says so, so a form being typed is never
			// reloaded from under her.
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				name: commune.appName,
				short_name: commune.shortName,
				description: commune.description,
				lang: commune.defaultLanguage,
				dir: 'ltr',
				// Its identity for the browser: the start address may change, the installed app stays.
				id: '/',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: commune.colors.theme,
				background_color: commune.colors.background,
				icons: [
					{ src: '/commune/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/commune/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{
						src: '/commune/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			injectManifest: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}',
					'prerendered/**/*.{html,json}'
				],
				globIgnores: ['server/**', 'client/**/*.woff']
			},
			kit: { trailingSlash: 'never', includeVersionFile: true },
			devOptions: { enabled: false }
		})
	],
	test: {
		environment: 'node',
		setupFiles: ['tests/support/setup.ts'],
		// Cheap password hashes (src/lib/server/staff/password.ts); one test checks the real cost.
		env: { PASSWORD_HASH_COST: 'test' },
		// Tests assert outcomes, never speed: a machine busy with other work (two CPU-bound
		// processes beside the suite) may take seconds for what takes milliseconds alone.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Vitest's default keeps one core free, which on a 2-core machine is one worker: both cores
		// took the unit tests from 45 s to 33 s (SQLite), with each file still isolated.
		maxWorkers: availableParallelism(),
		// Each file in a worker thread, still isolated: 57 → 49 s for the unit tests on these two
		// cores (a child process per file costs more to start). A test that changes what only a
		// process may (its umask) runs in a process of its own.
		projects: [
			{
				extends: true,
				test: {
					name: 'threads',
					pool: 'threads',
					include: ['src/**/*.test.ts', 'tests/api/**/*.test.ts'],
					exclude: [...configDefaults.exclude, ...PROCESS_TESTS]
				}
			},
			{ extends: true, test: { name: 'processes', pool: 'forks', include: [...PROCESS_TESTS] } }
		]
	}
});
