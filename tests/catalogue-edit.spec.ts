import { words } from './helpers/locale';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { deviceRecords } from './helpers/device';
import { ownServer, type RunningServer } from './helpers/server';
import { ADMIN, createAccount, signIn } from './helpers/staff';

// The tablet over time: its service worker is part of what is tested (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The French titles of the services the tablet holds in its own database (what it shows offline). */
const deviceServiceTitles = async (page: Page) =>
	(await deviceRecords<{ title: { fr: string } }>(page, 'services')).map((s) => s.title.fr);

// On a server of this file's own: unpublishing a service must not take it from other tests. Its
// two tests change different services, so they share it (one start, one administrator).
let server: RunningServer;
test.beforeAll(async () => {
	server = await ownServer();
	createAccount(ADMIN, server.dataDir);
});
test.afterAll(async () => server?.stop());

/** The senior's tablet: a new one, its service worker in charge as on hers. */
async function tablet(browser: Browser) {
	const context = await browser.newContext({
		baseURL: server.url,
		locale: 'fr-FR',
		serviceWorkers: 'allow'
	});
	return context.newPage();
}

test('an administrator creates, edits and withdraws a service; the senior’s tablet follows', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const page = await tablet(browser);
	// The senior's tablet has the catalogue already.
	await page.goto('/themes/repas');
	await expect(page.getByRole('link', { name: 'Portage de repas à domicile' })).toBeVisible();

	const admin = await (
		await browser.newContext({ baseURL: server.url, locale: 'fr-FR' })
	).newPage();
	await signIn(admin, ADMIN);
	await admin.getByRole('link', { name: 'Catalogue' }).click();
	await expect(heading(admin)).toHaveText('Catalogue des services');

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
	// What it costs, said on her page: a price must be written when it has one.
	await admin.getByRole('radio', { name: 'Un prix' }).check();
	await admin.getByRole('button', { name: 'Enregistrer le service' }).click();
	await expect(admin.getByRole('alert')).toContainText('Écrivez le prix');
	await admin.getByLabel('Prix', { exact: true }).fill('2 € le goûter');
	await admin.getByLabel('Délai de réponse habituel, en jours').fill('400');
	await admin.getByRole('button', { name: 'Enregistrer le service' }).click();
	await expect(admin.getByRole('alert')).toContainText('de 1 à 365');
	await admin.getByLabel('Délai de réponse habituel, en jours').fill('5');
	await admin.getByRole('button', { name: 'Enregistrer le service' }).click();
	await expect(admin.getByText('Service enregistré.', { exact: false })).toBeVisible();
	await expect(admin.getByLabel('Prix', { exact: true })).toHaveValue('2 € le goûter');
	await page.reload();
	await page.getByRole('link', { name: 'Goûter partagé du jeudi après-midi' }).click();
	await expect(page.getByRole('heading', { name: 'Combien ça coûte ?' })).toBeVisible();
	await expect(page.getByText('2 € le goûter')).toBeVisible();
	await page.goto('/themes/repas');

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
	await page.context().close();
});

/** The ids of the forms the tablet holds in its own database. */
const deviceFormIds = async (page: Page) =>
	(await deviceRecords<{ id: string }>(page, 'forms')).map((f) => f.id);

test('an administrator writes an online form as a draft, publishes it, edits and withdraws it', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const page = await tablet(browser);
	const applyOnline = page.getByRole('link', { name: 'Faire ma demande en ligne' });
	await page.goto('/services/jardinage-solidaire');
	await expect(heading(page)).toHaveText('Jardinage solidaire');
	await expect(applyOnline).toHaveCount(0);

	const admin = await (
		await browser.newContext({ baseURL: server.url, locale: 'fr-FR' })
	).newPage();
	await signIn(admin, ADMIN);
	await admin.goto('/pro/catalogue/jardinage-solidaire');
	await admin.getByRole('link', { name: 'Modifier le formulaire en ligne de ce service' }).click();
	await expect(heading(admin)).toHaveText('Formulaire en ligne : Jardinage solidaire');
	await admin.getByRole('button', { name: 'Créer un formulaire en ligne' }).click();
	await expect(admin.getByText('Brouillon créé.', { exact: false })).toBeVisible();
	await expect(admin.getByRole('heading', { name: 'Étape 1 : Vous' })).toBeVisible();

	// A question with two mistakes: each is named, and leads to its box.
	await admin.getByRole('link', { name: 'Ajouter une question à l’étape 2' }).click();
	await expect(heading(admin)).toHaveText('Nouvelle question, étape 2');
	await admin.getByLabel('Question posée').fill('?');
	await admin.getByRole('radio', { name: 'Un choix parmi des boutons' }).check();
	await admin.getByLabel('Choix proposés, un par ligne').fill('Petit');
	await admin.getByRole('button', { name: 'Enregistrer la question' }).click();
	const alert = admin.getByRole('alert');
	await expect(alert).toContainText('La question doit compter de 3 à 200 caractères');
	await expect(alert).toContainText('Donnez de 2 à 20 choix');
	await expectNoAxeViolations(admin, 'question with errors');
	await alert.getByRole('link', { name: /Donnez de 2 à 20 choix/ }).click();
	await expect(admin.getByLabel('Choix proposés, un par ligne')).toBeFocused();
	await admin.getByLabel('Question posée').fill('Quelle est la taille de votre jardin ?');
	await admin
		.getByLabel('Choix proposés, un par ligne')
		.fill('Moins de 100 m²\nDe 100 à 500 m²\nPlus de 500 m²');
	await admin.getByRole('button', { name: 'Enregistrer la question' }).click();
	await expect(admin.getByText('Question enregistrée dans le brouillon.')).toBeVisible();
	const step2 = admin.getByRole('region', { name: 'Étape 2 : Votre demande' });
	const added = step2.getByRole('listitem').last();
	await expect(added).toContainText('Quelle est la taille de votre jardin ?');
	await expect(added).toContainText('Un choix parmi des boutons · obligatoire');
	await expect(added).toContainText('Choix : Moins de 100 m² / De 100 à 500 m² / Plus de 500 m²');
	await step2
		.getByRole('button', { name: 'Monter : Quelle est la taille de votre jardin ?' })
		.click();
	await expect(admin.getByText('Question déplacée dans le brouillon.')).toBeVisible();
	await expect(step2.getByRole('listitem').first()).toContainText('taille de votre jardin');

	// A question asked only for a large garden: its condition names the question before it.
	await admin.getByRole('link', { name: 'Ajouter une question à l’étape 2' }).click();
	await admin.getByLabel('Question posée').fill('Qui vous aide au jardin ?');
	const rule = admin.getByRole('group', { name: 'Condition 1' });
	await rule
		.getByRole('combobox', { name: 'La question' })
		.selectOption({ label: 'Quelle est la taille de votre jardin ?' });
	await rule.getByRole('combobox', { name: 'Sa réponse' }).selectOption({ label: 'est' });
	const expected = rule.getByRole('textbox', { name: 'Réponse attendue' });
	await expected.fill('Plus de 5000 m²');
	await admin.getByRole('button', { name: 'Enregistrer la question' }).click();
	await expect(admin.getByRole('alert')).toContainText('Écrivez la réponse attendue');
	await expectNoAxeViolations(admin, 'question with a wrong condition');
	await expected.fill('plus de 500 m²');
	await admin.getByRole('button', { name: 'Enregistrer la question' }).click();
	const helper = step2.getByRole('listitem').filter({ hasText: 'Qui vous aide au jardin ?' });
	await expect(helper).toContainText(
		'Posée seulement si « Quelle est la taille de votre jardin ? » est « Plus de 500 m² ».'
	);
	// Moved above the question it depends on, it cannot be published; moved back, it can.
	const up = step2.getByRole('button', { name: 'Monter : Qui vous aide au jardin ?' });
	await up.click();
	await expect(step2.getByRole('listitem').nth(1)).toContainText('Qui vous aide');
	await up.click();
	await expect(step2.getByRole('listitem').first()).toContainText('Qui vous aide');
	await admin.getByRole('button', { name: 'Publier sur les tablettes' }).click();
	await expect(admin.getByRole('alert')).toContainText(
		'« Qui vous aide au jardin ? » dépend de « Quelle est la taille de votre jardin ? », qui est posée après elle'
	);
	const down = step2.getByRole('button', { name: 'Descendre : Qui vous aide au jardin ?' });
	await down.click();
	await expect(step2.getByRole('listitem').nth(1)).toContainText('Qui vous aide');
	await down.click();
	await expect(step2.getByRole('listitem').last()).toContainText('Qui vous aide');

	// The second step, only once she has given her phone: a wrong row is named, then saved.
	await step2.getByText('Condition de l’étape 2').click();
	const stepRule = step2.getByRole('group', { name: 'Condition 1' });
	await stepRule
		.getByRole('combobox', { name: 'La question' })
		.selectOption({ label: 'Votre numéro de téléphone' });
	await stepRule
		.getByRole('combobox', { name: 'Sa réponse' })
		.selectOption({ label: 'est au moins' });
	await step2.getByRole('button', { name: 'Enregistrer la condition de l’étape' }).click();
	await expect(admin.getByRole('alert')).toContainText('Écrivez la réponse attendue');
	await stepRule
		.getByRole('combobox', { name: 'Sa réponse' })
		.selectOption({ label: 'a une réponse' });
	await step2.getByRole('button', { name: 'Enregistrer la condition de l’étape' }).click();
	await expect(step2).toContainText(
		'Étape proposée seulement si « Votre numéro de téléphone » a une réponse.'
	);

	// Tried before publishing: with no phone, one step; with one, the second comes.
	await admin.getByRole('link', { name: 'Essayer le formulaire (aperçu)' }).click();
	await expect(heading(admin)).toHaveText('Aperçu du formulaire : Jardinage solidaire');
	await expect(admin.getByText('la personne passe par 1 étape.')).toBeVisible();
	await admin.getByLabel('Votre numéro de téléphone').fill('06 11 22 33 44');
	await expect(admin.getByText('la personne passe par 2 étapes.')).toBeVisible();
	await admin.getByRole('radio', { name: 'Plus de 500 m²' }).check();
	await expect(admin.getByRole('textbox', { name: 'Qui vous aide au jardin ?' })).toBeVisible();
	await admin.getByRole('link', { name: 'Retour au formulaire' }).click();

	// A draft stays off the tablets.
	await page.reload();
	await expect(heading(page)).toHaveText('Jardinage solidaire');
	await expect(applyOnline).toHaveCount(0);

	await admin.getByRole('button', { name: 'Publier sur les tablettes' }).click();
	await expect(admin.getByText('Formulaire publié.', { exact: false })).toBeVisible();
	await expect(admin.getByText('Sur les tablettes : version 1.')).toBeVisible();

	// The tablet gets it at its next sync, and she sends a request with it.
	await page.reload();
	await applyOnline.click();
	await page.getByRole('link', { name: 'Commencer la demande' }).click();
	await page.getByLabel('Votre nom et prénom').fill('Lucienne Jardin');
	await page.getByLabel('Votre numéro de téléphone').fill('06 11 22 33 44');
	await page.getByRole('button', { name: 'Continuer' }).click();
	// The helper's question comes with a large garden, and goes with a smaller one.
	const helperQuestion = page.getByRole('textbox', { name: 'Qui vous aide au jardin ?' });
	await expect(helperQuestion).toHaveCount(0);
	await page.getByRole('radio', { name: 'Plus de 500 m²' }).check();
	await expect(helperQuestion).toBeVisible();
	await helperQuestion.fill('Mon neveu');
	await page.getByRole('radio', { name: 'De 100 à 500 m²' }).check();
	await expect(helperQuestion).toHaveCount(0);
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(heading(page)).toContainText('Vérifiez vos réponses');
	await expect(page.getByText('De 100 à 500 m²')).toBeVisible();
	await expect(page.getByText('Qui vous aide au jardin ?')).toHaveCount(0);
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');

	// Written in French only: in Arabic, she is told so before she starts, and the French is marked.
	const arabic = await browser.newContext({ baseURL: server.url, locale: 'ar' });
	await arabic.addCookies([{ name: 'lang', value: 'ar', url: server.url }]);
	const her = await arabic.newPage();
	await her.goto('/demandes/jardinage-solidaire');
	await expect(her.getByText(words('ar')('app.formFrenchOnly'))).toBeVisible();
	await her.goto('/demandes/jardinage-solidaire/etape/1');
	await expect(her.getByText('Votre nom et prénom', { exact: true })).toHaveAttribute('lang', 'fr');
	await arabic.close();

	// Edited and published again: version 2; withdrawn: gone from the tablet and its service page.
	await admin
		.getByRole('link', { name: 'Modifier : Quelle est la taille de votre jardin ?' })
		.click();
	await admin.getByLabel('Question posée').fill('Quelle surface fait votre jardin ?');
	await admin.getByRole('button', { name: 'Enregistrer la question' }).click();
	await admin.getByRole('button', { name: 'Publier sur les tablettes' }).click();
	await expect(admin.getByText('Sur les tablettes : version 2.')).toBeVisible();
	await admin.getByRole('button', { name: 'Retirer le formulaire des tablettes' }).click();
	await expect(admin.getByText('Formulaire retiré des tablettes.')).toBeVisible();
	await page.goto('/services/jardinage-solidaire');
	await expect.poll(() => deviceFormIds(page)).not.toContain('jardinage-solidaire');
	await page.reload();
	await expect(heading(page)).toHaveText('Jardinage solidaire');
	await expect(applyOnline).toHaveCount(0);
	await admin.context().close();
	await page.context().close();
});
