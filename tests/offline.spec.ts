import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './support/browsers';
import { waitUntilReadyOffline } from './helpers/pages';
import { test as portalTest } from './helpers/portal';
import { ownServer } from './helpers/server';

// The tablet over time: its service worker is part of what is tested (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

portalTest('after one visit, every page opens with the connection lost', async ({ portal }) => {
	const { page } = portal;
	await portal.visitThenGoOffline();
	await expect(page.getByText('Vous n’êtes pas connecté à Internet.')).toBeVisible();
	await expect(
		// \p{L}, not \w: "décembre", "février", "août" (the test failed the first night of December).
		page.getByRole('status').getByText(/Informations mises à jour le \d+ \p{L}+ \d{4}/u)
	).toBeVisible();

	// Moving around inside the portal: rendered from the device's store.
	await page.getByRole('link', { name: /^Se déplacer/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se déplacer');
	await page.getByRole('link', { name: 'Transport accompagné' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Transport accompagné');
	await expect(page.getByRole('link', { name: 'Appeler le 05 36 49 10 50' })).toBeVisible();

	// Full page loads of pages never visited: the service worker's shell renders them.
	await page.goto('/services/apa');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Allocation personnalisée d’autonomie (APA)'
	);
	await expect(page.getByText('Vous n’êtes pas connecté à Internet.')).toBeVisible();
	await page.goto('/recherche?q=teleassistance');
	await expect(page.getByRole('link', { name: 'Téléassistance à domicile' })).toBeVisible();
	await page.goto('/themes/nexiste-pas');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce sujet n’existe pas');

	// A language never used on this tablet still opens: each language's texts are precached.
	await page.goto('/themes/repas');
	await page.getByText('Langue :').click();
	await page.getByRole('button', { name: 'Español' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByText('No está conectado a Internet.')).toBeVisible();
});

test('cold start: browser closed, network gone, the portal still opens', async ({
	browserName
}, info) => {
	expect(browserName).toBe('chromium');
	const server = await ownServer();
	const profile = mkdtempSync(join(tmpdir(), 'portail-profile-'));
	const launch = () =>
		chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			baseURL: server.url,
			locale: 'fr-FR',
			viewport: { width: 1024, height: 768 }
		});
	try {
		let context = await launch();
		let page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await waitUntilReadyOffline(page);
		await context.close();

		await server.stop();
		context = await launch();
		await context.setOffline(true);
		page = context.pages()[0] ?? (await context.newPage());
		const started = Date.now();
		await page.goto('/services/portage-repas-domicile');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portage de repas à domicile');
		const openedInMs = Date.now() - started;
		info.annotations.push({ type: 'offline cold start (ms)', description: String(openedInMs) });
		console.log(`offline cold start: service page readable after ${openedInMs} ms`);

		await expect(page.getByText('Vous n’êtes pas connecté à Internet.')).toBeVisible();
		await page.goto('/');
		await expect(
			page.getByRole('region', { name: 'Choisissez un sujet' }).getByRole('link')
		).toHaveCount(16);
		await context.close();
	} finally {
		await server.stop();
	}
});
