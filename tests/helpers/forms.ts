import { expect, type Page } from '@playwright/test';
import { HOME, HOUSING_MEMBER, HOUSING_START } from '../support/housing';

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

/** Her housing application's first steps, then her household: her husband, her granddaughter not yet complete. */
export const HOUSING_HOUSEHOLD = {
	...HOUSING_START,
	foyer: [
		HOUSING_MEMBER,
		// A grown-up: her page asks her work, her income and her papers too.
		{
			'membre-nom': 'Léa Durand',
			'membre-naissance': '2004-06-20',
			'membre-lien': 'autre',
			'membre-adresse': HOME
		}
	]
};
