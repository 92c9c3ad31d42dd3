import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';

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
	await expectNoAxeViolations(page, 'my details with an error');
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
