import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { test } from './helpers/portal';
import { ADMIN, createAccount, signIn } from './helpers/staff';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The French titles of the services the tablet holds in its own database (what it shows offline). */
const deviceServiceTitles = (page: Page) =>
	page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('portail-seniors');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('services').objectStore('services').getAll();
					all.onsuccess = () =>
						resolve((all.result as { title: { fr: string } }[]).map((s) => s.title.fr));
					all.onerror = () => reject(all.error);
				};
			})
	);

// On a server of its own: unpublishing a service must not take it from other tests.
test('an administrator creates, edits and withdraws a service; the senior’s tablet follows', async ({
	portal,
	browser
}) => {
	test.setTimeout(120_000);
	const { page, server } = portal;
	createAccount(ADMIN, server.dataDir);
	// The senior's tablet has the catalogue already.
	await page.goto('/themes/repas');
	await expect(page.getByRole('link', { name: 'Portage de repas à domicile' })).toBeVisible();

	const admin = await (
		await browser.newContext({ baseURL: server.url, locale: 'fr-FR' })
	).newPage();
	await signIn(admin, ADMIN);
	await admin.getByRole('link', { name: 'Catalogue' }).click();
	await expect(heading(admin)).toHaveText('Catalogue des services');
	await expectNoAxeViolations(admin, 'catalogue list');

	await admin.getByRole('link', { name: 'Créer un service' }).click();
	await admin.getByRole('button', { name: 'Enregistrer le service' }).click();
	const alert = admin.getByRole('alert');
	await expect(alert).toContainText('Choisissez le sujet du service');
	await expect(alert).toContainText('Le nom doit compter de 3 à 120 caractères');
	await expectNoAxeViolations(admin, 'new service with errors');
	await admin.getByLabel('Sujet', { exact: true }).selectOption({ label: 'Repas' });
	await admin.getByLabel('Nom du service', { exact: true }).fill('Goûter partagé du jeudi');
	await admin
		.getByLabel('En une phrase')
		.fill('Un goûter chaque jeudi à la salle des fêtes, pour se retrouver.');
	await admin
		.getByLabel('Description')
		.fill('Chaque jeudi de 15 h à 17 h, le CCAS offre un goûter.');
	await admin.getByLabel('Qui contacter').fill('CCAS de Val-de-Lierre');
	await admin.getByLabel('Téléphone').fill('05 36 49 10 00');
	await admin.getByRole('button', { name: 'Enregistrer le service' }).click();
	await expect(admin.getByText('Service enregistré.', { exact: false })).toBeVisible();

	// The tablet receives it in its next delta (a sync runs at each start of the app).
	await page.reload();
	await expect(page.getByRole('link', { name: 'Goûter partagé du jeudi' })).toBeVisible();
	await expect.poll(() => deviceServiceTitles(page)).toContain('Goûter partagé du jeudi');

	await admin
		.getByLabel('Nom du service', { exact: true })
		.fill('Goûter partagé du jeudi après-midi');
	await admin.getByRole('button', { name: 'Enregistrer le service' }).click();
	await expect(admin.getByText('Service enregistré.', { exact: false })).toBeVisible();
	await page.reload();
	await expect(
		page.getByRole('link', { name: 'Goûter partagé du jeudi après-midi' })
	).toBeVisible();

	await admin.getByRole('link', { name: 'Retour au catalogue' }).click();
	await admin
		.getByRole('button', { name: 'Retirer du portail : Goûter partagé du jeudi après-midi' })
		.click();
	await expect(admin.getByText('Le service est retiré du portail.')).toBeVisible();
	await page.reload();
	await expect
		.poll(async () => (await deviceServiceTitles(page)).filter((t) => t.startsWith('Goûter')))
		.toEqual([]);
	await expect(page.getByRole('link', { name: /Goûter partagé/ })).toHaveCount(0);
	await admin.context().close();
});
