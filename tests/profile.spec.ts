import { expect, test } from '@playwright/test';

test('her details prefill forms, are checked, and can be erased from the device', async ({
	page
}) => {
	await page.goto('/mes-informations');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes informations');
	await page.getByLabel('Votre nom et prénom').fill('Jeanne Martin');
	await page.getByLabel('Votre numéro de téléphone').fill('12');
	await page.getByRole('textbox', { name: 'Jour' }).fill('14');
	await page.getByRole('textbox', { name: 'Mois' }).fill('3');
	await page.getByRole('textbox', { name: 'Année' }).fill('1942');
	await page.getByRole('button', { name: 'Enregistrer mes informations' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Votre numéro de téléphone : écrivez un numéro'
	);
	await page.getByLabel('Votre numéro de téléphone').fill('06 12 34 56 78');
	await page.getByRole('button', { name: 'Enregistrer mes informations' }).click();
	// Said where she looks: beside the button, on screen, with the focus.
	const saved = page.getByText('Vos informations sont enregistrées sur cet appareil.');
	await expect(saved).toBeFocused();
	await expect(saved).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Enregistrer mes informations' })).toBeInViewport();

	await page.goto('/demandes/registre-canicule/etape/1');
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Jeanne Martin');
	await expect(page.getByRole('textbox', { name: 'Jour' })).toHaveValue('14');
	await expect(page.getByRole('textbox', { name: 'Année' })).toHaveValue('1942');
	await page.getByLabel('Votre nom et prénom').fill('Jeanne Martin (brouillon)');

	await page.goto('/mes-informations');
	await page.getByRole('button', { name: 'Effacer mes données de cet appareil' }).click();
	await page.getByRole('button', { name: 'Oui, tout effacer' }).click();
	const erased = page.getByText('Vos données ont été effacées de cet appareil.');
	await expect(erased).toBeFocused();
	await expect(erased).toBeInViewport();
	await page.reload();
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('');
	await page.goto('/mes-demandes');
	await expect(page.getByText('Aucun brouillon.')).toBeVisible();
});

test('the address she gave in one request is offered in the next, if she asks', async ({
	page
}) => {
	const next = () => page.getByRole('button', { name: 'Continuer' }).click();
	await page.goto('/demandes/registre-canicule/etape/1');
	await page.getByLabel('Votre nom et prénom').fill('Paulette Adresse');
	await page.getByRole('textbox', { name: 'Jour' }).fill('2');
	await page.getByRole('textbox', { name: 'Mois' }).fill('5');
	await page.getByRole('textbox', { name: 'Année' }).fill('1940');
	await next();
	await page.getByLabel('Votre numéro de téléphone').fill('06 12 34 56 78');
	await page.getByLabel('Votre adresse').fill('4 rue des Lilas\n87990 Val-de-Lierre');
	await next();
	await page.getByRole('radio', { name: 'Oui' }).first().check();
	await page
		.getByRole('group', { name: /visite/ })
		.getByRole('radio', { name: 'Oui' })
		.check();
	await next();
	await page.getByRole('checkbox', { name: /J’accepte/ }).check();
	await next();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Vérifiez vos réponses');
	// Offered, never ticked for her; ticked, it survives a reload.
	const remember = page.getByRole('checkbox', { name: /Enregistrer ces coordonnées/ });
	await expect(remember).not.toBeChecked();
	await remember.check();
	await page.reload();
	await expect(remember).toBeChecked();
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Votre demande est bien arrivée'
	);

	// The next form that asks for them has them already.
	await page.goto('/demandes/teleassistance/etape/1');
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Paulette Adresse');
	await next();
	await expect(page.getByLabel('Votre adresse')).toHaveValue(
		'4 rue des Lilas\n87990 Val-de-Lierre'
	);
	await page.goto('/mes-informations');
	await expect(page.getByLabel('Votre numéro de téléphone')).toHaveValue('06 12 34 56 78');
});

test('every field of Mes informations is a target of 48 px at least, on a phone too', async ({
	page
}) => {
	for (const width of [1024, 320]) {
		await page.setViewportSize({ width, height: 800 });
		await page.goto('/mes-informations');
		await expect(page.getByLabel('Votre numéro de téléphone')).toBeVisible();
		const small: string[] = [];
		for (const field of await page.getByRole('textbox').all()) {
			const box = await field.boundingBox();
			if (box && box.height < 48) small.push(`${await field.getAttribute('name')} ${box.height}`);
		}
		expect(small, `at ${width} px`).toEqual([]);
	}
});
