import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { assetVersions } from './server/asset-versions.js';
import { readCommuneForBuild } from './scripts/commune-assets.js';

const commune = readCommuneForBuild();
// After readCommuneForBuild, which writes the commune's theme.css and logo into static/.
const versions = assetVersions('static');

/** Tests that change what only a whole process may: its umask (backup.test.ts). */
const PROCESS_TESTS = ['src/lib/server/db/backup.test.ts'];
/**
 * Tests whose module state must be their own: they mock a module, set the environment a module
 * reads once, or start the API (its singletons: the database, the sender, the tus server). Found by
 * what they do, so a new one is not forgotten; their workers load everything afresh for each file,
 * the others share what their worker loaded.
 */
const OWN_STATE =
	/vi\.mock\(|vi\.stubEnv|process\.env(\.\w+|\[[^\]]+\]) *=[^=]|support\/api-harness/;
const ISOLATED_TESTS = readdirSync('src', { recursive: true, encoding: 'utf8' })
	.filter((file) => file.endsWith('.test.ts'))
	.map((file) => `src/${file}`)
	.filter((file) => !PROCESS_TESTS.includes(file) && OWN_STATE.test(readFileSync(file, 'utf8')));

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
		// Worker threads (a child process per file costs more to start), most files sharing their
		// worker's modules, loaded once: 57 → 35 s for the unit tests on these two cores, 89 → 74 s
		// on PostgreSQL. Those listed above keep their own; the umask test runs in a process.
		projects: [
			{
				extends: true,
				test: {
					name: 'shared',
					pool: 'threads',
					isolate: false,
					include: ['src/**/*.test.ts'],
					exclude: [...configDefaults.exclude, ...ISOLATED_TESTS, ...PROCESS_TESTS]
				}
			},
			{
				extends: true,
				test: {
					name: 'isolated',
					pool: 'threads',
					include: ['tests/api/**/*.test.ts', ...ISOLATED_TESTS]
				}
			},
			{ extends: true, test: { name: 'processes', pool: 'forks', include: [...PROCESS_TESTS] } }
		]
	}
});
