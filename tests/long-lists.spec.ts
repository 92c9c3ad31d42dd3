import { chromium, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './support/browsers';
import { expectNoAxeViolations } from './helpers/axe';
import { waitUntilReadyOffline } from './helpers/pages';
import { ownServer } from './helpers/server';

// The tablet over time: its service worker is part of what is tested (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

// A département's catalogue: far more services under one theme than one screen can list.
test('a long theme comes a page at a time, from the server and then from the tablet offline', async () => {
	const file = join(mkdtempSync(join(tmpdir(), 'portail-long-')), 'catalogue.json');
	const made = spawnSync(process.execPath, [
		'scripts/generate-catalogue.js',
		...['--services', '160', '--theme', 'repas', '--out', file]
	]);
	expect(made.status, String(made.stderr)).toBe(0);
	const server = await ownServer('build', { CATALOGUE_FILE: file });
	const browser = await chromium.launch({ executablePath: CHROMIUM });
	try {
		const page = await browser.newPage({ baseURL: server.url, locale: 'fr-FR' });
		const services = page.getByRole('main').getByRole('listitem').getByRole('heading');
		const h1 = page.getByRole('heading', { level: 1 });

		// Drawn by the server: the first page, and the way on.
		await page.goto('/themes/repas');
		await expect(h1).toHaveText('Repas');
		await expect(page.getByRole('heading', { level: 2, name: 'Les services' })).toBeVisible();
		const total = Number(
			(await page.getByText(/^\d+ services$/).textContent())?.replace(/\D/g, '')
		);
		expect(total).toBeGreaterThan(40);
		const pages = Math.ceil(total / 20);
		const nav = page.getByRole('navigation', { name: 'Pages' });
		await expect(nav.getByText(`Page 1 sur ${pages}`)).toBeVisible();
		await expect(services).toHaveCount(20);
		await expect(nav.getByRole('link', { name: 'Page précédente' })).toHaveCount(0);
		await waitUntilReadyOffline(page);

		// The rest without the server: read from the tablet's copy.
		await server.stop();
		await nav.getByRole('link', { name: 'Page suivante' }).click();
		await expect(nav.getByText(`Page 2 sur ${pages}`)).toBeVisible();
		await expect(page).toHaveTitle(
			`Repas – page 2 sur ${pages} – Portail Seniors de Val-de-Lierre`
		);
		await expect(h1).toHaveText('Repas');
		await expect(services).toHaveCount(20);
		await expectNoAxeViolations(page, 'a long theme, page 2');
		await page.goto(`/themes/repas?page=${pages}`);
		await expect(nav.getByText(`Page ${pages} sur ${pages}`)).toBeVisible();
		await expect(services).toHaveCount(total - 20 * (pages - 1));
		await expect(nav.getByRole('link', { name: 'Page suivante' })).toHaveCount(0);
		await nav.getByRole('link', { name: 'Page précédente' }).click();
		await expect(nav.getByText(`Page ${pages - 1} sur ${pages}`)).toBeVisible();
	} finally {
		await browser.close();
		await server.stop();
	}
});
