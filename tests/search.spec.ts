import { expect, test, type Page } from '@playwright/test';
import { expectHeadingOrder } from './helpers/pages';

async function search(page: Page, words: string) {
	const box = page.getByRole('searchbox', { name: 'Rechercher un service' });
	await box.fill(words);
	await page.getByRole('button', { name: 'Rechercher' }).click();
}

const results = (page: Page) => page.getByRole('main').getByRole('listitem').getByRole('link');

test('search is forgiving: accents, case, plurals and small typos', async ({ page }) => {
	await page.goto('/');
	for (const [words, expected] of <const>[
		['repas', 'Portage de repas à domicile'],
		['teleassistance', 'Téléassistance à domicile'],
		['TELEASSISTANCE', 'Téléassistance à domicile'],
		['chutes', 'Ateliers pour éviter les chutes'],
		['telasistance', 'Téléassistance à domicile'],
		['logement social', 'Demande de logement social']
	]) {
		await search(page, words);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(`trouvé`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(`« ${words} »`);
		await expect(results(page).filter({ hasText: expected })).toHaveCount(1);
	}
});

test('the commune’s synonyms find what a word means, on the server and on the tablet; a typo does not jump to another word', async ({
	page
}) => {
	// Served by the server (first paint), then searched again on the device after hydration.
	await page.goto('/recherche?q=m%C3%A9decin');
	await expect(results(page).filter({ hasText: 'Bilan de santé gratuit' })).toHaveCount(1);
	await expect(results(page).filter({ hasText: 'Soins infirmiers à domicile' })).toHaveCount(1);
	await search(page, 'docteur');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('« docteur »');
	await expect(results(page).filter({ hasText: 'Soins infirmiers à domicile' })).toHaveCount(1);
	await search(page, 'tablette');
	await expect(results(page).filter({ hasText: 'Ateliers tablette et smartphone' })).toHaveCount(1);
	await expect(results(page).filter({ hasText: 'Aide pour la toilette' })).toHaveCount(0);
});

test('the first result for "repas" is meal delivery, and it opens', async ({ page }) => {
	await page.goto('/recherche?q=repas');
	await expect(results(page).first()).toHaveText('Portage de repas à domicile');
	await expectHeadingOrder(page);
	await results(page).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portage de repas à domicile');
});

test('when nothing matches, the page says so plainly and gives the number to call', async ({
	page
}) => {
	await page.goto('/');
	await search(page, 'xylophone quantique');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Aucun service ne correspond à « xylophone quantique »'
	);
	await expect(
		page.getByRole('main').getByRole('link', { name: 'Appeler le 05 36 49 10 00' })
	).toHaveAttribute('href', 'tel:+33536491000');
	// The words stay in the box, ready to be corrected.
	await expect(page.getByRole('searchbox', { name: 'Rechercher un service' })).toHaveValue(
		'xylophone quantique'
	);
	// Or she looks by subject.
	const themes = page.getByRole('region', { name: 'Ou cherchez par sujet' });
	await themes.getByRole('link', { name: /Repas/ }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Repas');
});

test('an empty search explains what to type', async ({ page }) => {
	await page.goto('/recherche');
	await expect(
		page.getByText('Écrivez un ou deux mots, puis appuyez sur « Rechercher ».')
	).toBeVisible();
});
