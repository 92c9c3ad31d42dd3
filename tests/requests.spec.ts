import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { deviceKeyOf, serverRecordsOf } from './helpers/device';
import { fillCallback } from './helpers/forms';
import { test as portalTest } from './helpers/portal';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('a senior asks to be called back: errors explained, answers checked, reference given', async ({
	page,
	request,
	baseURL
}) => {
	await page.goto('/services/rappel-conseiller');
	await page.getByRole('link', { name: 'Faire ma demande en ligne' }).click();
	await expect(heading(page)).toHaveText('Être rappelé par un conseiller');
	await page.getByRole('link', { name: 'Commencer la demande' }).click();
	await expect(page.getByText('Étape 1 sur 2')).toBeVisible();

	await page.getByRole('button', { name: 'Continuer' }).click();
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('heading', { name: 'Il y a un problème' })).toBeVisible();
	await expect(summary).toBeFocused();
	await expect(page).toHaveTitle(/^Erreur : Vous – Être rappelé par un conseiller/);
	await expect(summary.getByRole('link')).toHaveText([
		'Votre nom et prénom : répondez à cette question',
		'Votre numéro de téléphone : répondez à cette question'
	]);
	await summary.getByRole('link').first().click();
	await expect(page.getByLabel('Votre nom et prénom')).toBeFocused();
	await expectNoAxeViolations(page, 'form step with errors');

	await fillCallback(page);
	await expect(page.getByText('Jeanne Martin')).toBeVisible();
	await expect(page.getByText('Le matin')).toBeVisible();
	await expectNoAxeViolations(page, 'check answers');
	await page.getByRole('link', { name: 'Modifier : Votre nom et prénom' }).click();
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Jeanne Martin');
	await page.getByLabel('Votre nom et prénom').fill('Jeanne Martin-Roux');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByText('Étape 2 sur 2')).toBeVisible();
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByText('Jeanne Martin-Roux')).toBeVisible();

	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');
	const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
	expect(reference).toMatch(/^D-\w{3}-\w{3}$/);
	await expectNoAxeViolations(page, 'confirmation');

	const records = await serverRecordsOf(request, baseURL!, await deviceKeyOf(page));
	expect(records.requests).toEqual([expect.objectContaining({ reference, status: 'received' })]);

	await page.getByRole('link', { name: 'Voir mes demandes' }).click();
	await expect(page.getByText(reference)).toBeVisible();
	await expect(page.getByText('Tout est envoyé.')).toBeVisible();
	await expectNoAxeViolations(page, 'my requests');
});

test('what she typed survives a reload, and drafts can be resumed or deleted', async ({ page }) => {
	await page.goto('/demandes/registre-canicule/etape/1');
	await page.getByLabel('Votre nom et prénom').fill('Paul Durand');
	await page.getByRole('textbox', { name: 'Jour' }).fill('7');
	await page.getByRole('textbox', { name: 'Mois' }).fill('11');
	await page.reload();
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Paul Durand');
	await expect(page.getByRole('textbox', { name: 'Jour' })).toHaveValue('7');
	await expect(page.getByRole('textbox', { name: 'Mois' })).toHaveValue('11');

	await page.goto('/mes-demandes');
	const draft = page
		.getByRole('listitem')
		.filter({ hasText: 'Inscription au registre canicule et grand froid' });
	await draft.getByRole('link', { name: /Reprendre/ }).click();
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Paul Durand');
	await page.goto('/mes-demandes');
	await page.getByRole('button', { name: /Supprimer/ }).click();
	await expect(page.getByText('Aucun brouillon.')).toBeVisible();
});

test('a two-digit year and a phone number missing a digit are explained in plain words', async ({
	page
}) => {
	await page.goto('/demandes/registre-canicule/etape/1');
	await page.getByLabel('Votre nom et prénom').fill('Lucienne Garnier');
	await page.getByRole('textbox', { name: 'Jour' }).fill('12');
	await page.getByRole('textbox', { name: 'Mois' }).fill('3');
	await page.getByRole('textbox', { name: 'Année' }).fill('42');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Votre date de naissance : l’année en 4 chiffres, par exemple 1942'
	);
	await page.getByRole('textbox', { name: 'Année' }).fill('1942');
	await page.getByRole('button', { name: 'Continuer' }).click();
	// Nine digits are not a French number, however many characters the spaces make.
	await page.getByLabel('Votre numéro de téléphone').fill('06 12 34 56 7');
	await page.getByLabel('Votre adresse').fill('3 rue des Tilleuls');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Votre numéro de téléphone : écrivez un numéro de téléphone à 10 chiffres'
	);
});

portalTest(
	'sent offline, the page closed, reopened online: the request arrives exactly once',
	async ({ portal, request }) => {
		const { page, context, server } = portal;
		await portal.visitThenGoOffline();
		await page.goto('/demandes/rappel-conseiller/etape/1');
		await fillCallback(page);
		await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
		await expect(heading(page)).toHaveText('Votre demande est enregistrée sur cet appareil');
		await expect(
			page.getByText('1 envoi en attente : il partira dès que la connexion reviendra.')
		).toBeVisible();
		await expectNoAxeViolations(page, 'waiting to send');
		const key = await deviceKeyOf(page);
		await page.close();

		await server.start();
		await context.setOffline(false);
		const again = await context.newPage();
		await again.goto('/mes-demandes');
		await expect(again.getByText('Tout est envoyé.')).toBeVisible();
		await expect(again.getByText('Reçue')).toBeVisible();
		const records = await serverRecordsOf(request, server.url, key);
		expect(records.requests).toHaveLength(1);
	}
);

test('the answer is lost after the server saved it: the retry finds it, one request exists', async ({
	page,
	request,
	baseURL
}) => {
	let cut = true;
	await page.route('**/api/v1/outbox', async (route) => {
		if (!cut) return route.continue();
		cut = false;
		await route.fetch(); // the server commits…
		await route.abort('connectionreset'); // …and the answer never reaches the tablet
	});
	await page.goto('/demandes/rappel-conseiller/etape/1');
	await fillCallback(page);
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée', { timeout: 20_000 });
	const records = await serverRecordsOf(request, baseURL!, await deviceKeyOf(page));
	expect(records.requests).toHaveLength(1);
	expect(cut).toBe(false);
});
