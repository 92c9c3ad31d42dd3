// How soon after a first visit on a weak connection every page opens offline (`npm run bench`):
// the service worker's precache, the catalogue and every bookable service's free times must all
// be on the tablet. Through bench/slow-link.js, so the service worker's downloads are slowed too.
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stop } from './servers.js';
import { slowLink } from './slow-link.js';

/** Pages of every kind, and what each shows once drawn from the device. */
const PAGES = [
	['/', 'Les services pour les seniors'],
	['/themes/repas', 'Repas'],
	['/services/portage-repas-domicile', 'Portage de repas à domicile'],
	['/recherche?q=repas', 'repas'],
	['/demandes/registre-canicule', ''],
	['/rendez-vous/aide-numerique-individuelle', 'Quel jour ?']
];

/** Whether the tablet holds the catalogue and the free times of every bookable service. */
function holdsEverything() {
	return new Promise((resolve) => {
		const open = indexedDB.open('portail-seniors');
		// Not there yet: looking must not make an empty one, which the app would then have to open.
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onerror = () => resolve(false);
		open.onsuccess = () => {
			const db = open.result;
			if (!db.objectStoreNames.contains('slots')) return resolve(false);
			const tx = db.transaction(['services', 'slots'], 'readonly');
			const services = tx.objectStore('services').getAll();
			const slots = tx.objectStore('slots').count();
			tx.oncomplete = () => {
				const bookable = services.result.filter((s) => s.bookable).length;
				resolve(bookable > 0 && slots.result >= bookable);
			};
			tx.onerror = () => resolve(false);
		};
	});
}

/**
 * @param {{ chromiumPath: string; port: number; env: Record<string, string>; add: (f: object) => void }} options
 */
export async function offlineReadyFigure({ chromiumPath, port, env, add }) {
	const linkPort = port + 1;
	const origin = `http://localhost:${linkPort}`;
	const dir = mkdtempSync(join(tmpdir(), 'portail-ready-'));
	const server = await startServer(
		'server/index.js',
		port,
		{ ...env, DATA_DIR: dir, ORIGIN: origin },
		'/api/health'
	);
	const link = await slowLink(linkPort, port);
	const browser = await chromium.launch({ executablePath: chromiumPath });
	try {
		const context = await browser.newContext({ locale: 'fr-FR', baseURL: origin });
		const page = await context.newPage();
		const start = Date.now();
		await page.goto('/');
		const wait = { timeout: 120_000, polling: 100 };
		const at = async (/** @type {Promise<unknown>} */ ready) => (await ready, Date.now() - start);
		const [workerMs, catalogueMs, slotsMs] = await Promise.all([
			at(page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, wait)),
			at(page.getByText(/Informations mises à jour le/).waitFor({ timeout: 120_000 })),
			at(page.waitForFunction(holdsEverything, null, wait))
		]);
		const readyMs = Math.max(workerMs, catalogueMs, slotsMs);
		await context.setOffline(true);
		const failed = [];
		for (const [path, text] of PAGES) {
			await page.goto(path);
			const heading = page.getByRole('heading', { level: 1 });
			try {
				await heading.waitFor({ timeout: 15_000 });
				const shown = (await heading.textContent()) ?? '';
				if (!shown.includes(text)) failed.push(`${path} (“${shown.trim()}”)`);
			} catch {
				failed.push(`${path} (no heading)`);
			}
		}
		add({
			figure: 'every page ready offline after a first visit, slow 4G link',
			portal: readyMs,
			unit: 'ms',
			goal: '≤ 10,000 ms',
			ok: readyMs <= 10_000 && failed.length === 0,
			note:
				`service worker in control at ${workerMs} ms, catalogue at ${catalogueMs} ms, ` +
				`free times at ${slotsMs} ms; ` +
				(failed.length === 0
					? `then ${PAGES.length} kinds of page opened offline`
					: `offline, these did not open: ${failed.join(', ')}`)
		});
	} finally {
		await browser.close();
		await link.close();
		await stop(server);
	}
}
