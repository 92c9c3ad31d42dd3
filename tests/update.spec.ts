import { expect, test } from '@playwright/test';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntilReadyOffline } from './helpers/pages';
import { ownServer } from './helpers/server';

// The tablet over time: its service worker is part of what is tested (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('a new version waits for the person, and what she was typing stays', async ({ browser }) => {
	// A copy of the build whose service worker the test can change, as a deployment would. It stays
	// inside the project so that the server still finds its node_modules.
	mkdirSync('.tmp', { recursive: true });
	const copyRoot = mkdtempSync(join('.tmp', 'build-'));
	const buildDir = join(copyRoot, 'build');
	cpSync('build', buildDir, { recursive: true });
	const server = await ownServer(buildDir);
	const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR' });
	const page = await context.newPage();
	try {
		await page.goto('/');
		await waitUntilReadyOffline(page);
		const box = page.getByRole('searchbox', { name: 'Rechercher un service' });
		await box.fill('portage de rep');
		await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

		const worker = join(buildDir, 'client', 'service-worker.js');
		appendFileSync(worker, '\n// next version\n');
		rmSync(`${worker}.br`, { force: true });
		rmSync(`${worker}.gz`, { force: true });
		// A deployment restarts the server (which indexes its static files when it starts).
		await server.stop();
		await server.start();
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await page.waitForFunction(async () =>
			Boolean((await navigator.serviceWorker.getRegistration())?.waiting)
		);

		await expect(page.getByText('Une nouvelle version du portail est prête.')).toBeVisible();
		// Nothing was reloaded from under her.
		await expect(box).toHaveValue('portage de rep');
		expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
			'same page'
		);

		await page.getByRole('button', { name: 'Mettre à jour' }).click();
		await page.waitForFunction(() => !(window as unknown as { marker?: string }).marker);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Les services pour les seniors'
		);
		await expect(page.getByText('Une nouvelle version du portail est prête.')).toBeHidden();
	} finally {
		await context.close();
		await server.stop();
		rmSync(copyRoot, { recursive: true, force: true });
	}
});
