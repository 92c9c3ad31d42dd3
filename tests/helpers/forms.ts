import { expect, type Page } from '@playwright/test';

/** Opens the "be called back" form from its service page and fills both steps, as a person would. */
export async function fillCallback(
	page: Page,
	{ name = 'Jeanne Martin', question = 'Pour la téléassistance de ma mère.', open = false } = {}
) {
	if (open) {
		await page.goto('/demandes/rappel-conseiller');
		await page.getByRole('link', { name: 'Commencer la demande' }).click();
	}
	await page.getByLabel('Votre nom et prénom').fill(name);
	await page.getByLabel('Votre numéro de téléphone').fill('06 12 34 56 78');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByText('Étape 2 sur 2')).toBeVisible();
	await page.getByRole('radio', { name: 'Le matin' }).check();
	await page.getByLabel('Votre question, en quelques mots (facultatif)').fill(question);
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Vérifiez vos réponses');
}

/**
 * The server refuses what she sent (an answer it does not accept): the request on its way is
 * changed so that the real server, not a mock, gives its real refusal.
 */
export async function withRefusedAnswer(page: Page) {
	await page.route('**/api/v1/outbox', async (route) => {
		const body = JSON.parse(route.request().postData() ?? '{}');
		for (const mutation of body.mutations ?? []) {
			if (mutation.type === 'request.submit') mutation.payload.answers.telephone = '12';
		}
		await route.continue({ postData: JSON.stringify(body) });
	});
}

const HOME = { street: '2 rue Haute', postcode: '87990', city: 'Val-de-Lierre' };

/** The housing pre-request's first three steps, answered: three people will live there. */
export const HOUSING_START = {
	nom: 'Jeanne Martin',
	naissance: '1941-05-12',
	telephone: '06 12 34 56 78',
	adresse: HOME,
	personnes: '3',
	revenus: '1400'
};

/** The same with two people added: her husband, and her granddaughter not yet complete. */
export const HOUSING_HOUSEHOLD = {
	...HOUSING_START,
	foyer: [
		{
			'membre-nom': 'Paul Martin',
			'membre-naissance': '1940-02-03',
			'membre-lien': 'conjoint',
			'membre-adresse': HOME
		},
		{ 'membre-nom': 'Léa Durand', 'membre-lien': 'autre', 'membre-adresse': HOME }
	]
};
