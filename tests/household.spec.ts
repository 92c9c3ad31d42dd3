import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { deviceKeyOf, deviceRecords, putDraft } from './helpers/device';
import { HOUSING_REST, HOUSING_START } from './support/housing';
import { ADMIN, AGENT, staffPage } from './helpers/staff';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function fillPerson(page: Page, name: string, birth: [string, string, string]) {
	await page.getByLabel('Son nom et prénom').fill(name);
	const born = page.getByRole('group', { name: 'Sa date de naissance' });
	await born.getByLabel('Jour').fill(birth[0]);
	await born.getByLabel('Mois').fill(birth[1]);
	await born.getByLabel('Année').fill(birth[2]);
}

const next = (page: Page) => page.getByRole('button', { name: 'Continuer' }).click();

/** A grown-up's work and money, the questions his date of birth brings, a page each. */
async function fillGrownUp(page: Page, work: string, income: string | null) {
	await expect(heading(page)).toContainText('partie 3 sur 6');
	await page
		.getByRole('group', { name: 'Sa situation professionnelle' })
		.getByRole('radio', { name: work })
		.check();
	await next(page);
	await expect(heading(page)).toContainText('partie 4 sur 6');
	const money = page.getByRole('group', { name: 'Ses ressources chaque mois' });
	if (income === null) {
		await money.getByRole('checkbox', { name: 'Aucune ressource' }).check();
	} else {
		await money.getByRole('checkbox', { name: 'Retraite ou pension' }).check();
		await page.getByLabel('Retraite ou pension : montant par mois').fill(income);
	}
	await next(page);
}

test('her household, one person at a time: added "comme moi", asked what concerns each, removed, read back and sent', async ({
	page,
	request,
	baseURL,
	browser
}) => {
	await page.goto('/demandes/logement-social');
	await expect(heading(page)).toBeVisible();
	await putDraft(page, { formId: 'logement-social', answers: HOUSING_START, step: 5 });
	await page.goto('/demandes/logement-social/etape/5');
	await expect(heading(page)).toContainText('Les personnes qui vivront avec vous');
	await expect(page.getByText('Étape 5 sur 13')).toBeVisible();
	await expect(page.getByText('Vous n’avez encore ajouté personne.')).toBeVisible();

	// Nobody added: she is told to add someone, and where.
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Les personnes qui vivront avec vous : ajoutez-en au moins 1'
	);

	// Her husband, a page of questions at a time. Before his date of birth is known, who he is and
	// where he lives are all there is to ask: two parts. A grown-up is asked his work, his money
	// and his papers too, each on a part of its own.
	await page.getByRole('button', { name: 'Ajouter une personne' }).click();
	await expect(heading(page)).toContainText('Personne 1');
	await expect(heading(page)).toContainText('partie 1 sur 2');
	await fillPerson(page, 'Paul Martin', ['3', '2', '1940']);
	await expect(heading(page)).toContainText('partie 1 sur 6');
	await page.getByRole('radio', { name: 'Conjoint ou conjointe' }).check();
	await expect(page.getByLabel('Lequel ?')).toHaveCount(0);
	await next(page);
	// His address starts as hers ("comme moi"), and she is told so.
	await expect(heading(page)).toContainText('partie 2 sur 6');
	const where = page.getByRole('group', { name: 'Son adresse aujourd’hui' });
	await expect(where.getByLabel('Numéro et rue')).toHaveValue('2 rue Haute');
	await expect(where.getByLabel('Code postal')).toHaveValue('87990');
	await expect(page.getByText('Nous avons repris votre réponse')).toBeVisible();
	await next(page);
	await fillGrownUp(page, 'Retraité ou retraitée', '900');
	// A grown-up's papers: his identity, then his tax notice, each button saying which.
	await expect(page.getByRole('group', { name: /Sa pièce d’identité/ })).toBeVisible();
	await expect(page.getByRole('group', { name: /livret de famille/ })).toHaveCount(0);
	await next(page);
	await expect(
		page.getByRole('button', { name: 'Prendre une photo : Son dernier avis d’impôt' })
	).toBeVisible();
	// "Retour" goes back one part, his answers kept.
	await page.getByRole('link', { name: 'Retour' }).click();
	await expect(heading(page)).toContainText('partie 5 sur 6');
	await next(page);
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(heading(page)).toContainText('Les personnes qui vivront avec vous');
	const people = page.getByRole('main').getByRole('listitem');
	await expect(people).toHaveCount(1);
	await expect(people.first()).toContainText('Paul Martin, 3 février 1940');

	// Her granddaughter: "Un autre lien" asks which, for her only; she lives elsewhere.
	await page.getByRole('button', { name: 'Ajouter une personne' }).click();
	await expect(heading(page)).toContainText('Personne 2');
	await fillPerson(page, 'Léa Durand', ['20', '6', '2004']);
	await page.getByRole('radio', { name: 'Un autre lien' }).check();
	// A part's questions are checked before the next: "Lequel ?" was left empty.
	await next(page);
	await expect(page.getByRole('alert')).toContainText('Lequel ? : répondez à cette question');
	await expect(heading(page)).toContainText('partie 1 sur 6');
	await page.getByLabel('Lequel ?').fill('Petite-fille');
	await next(page);
	await where.getByLabel('Numéro et rue').fill('8 allée des Tilleuls');
	await where.getByLabel('Commune').fill('Limoges');
	await where.getByLabel('Code postal').fill('87000');
	await next(page);
	await fillGrownUp(page, 'Étudiant, étudiante ou apprenti', null);
	await next(page);
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(people).toHaveCount(2);

	// A third one started and left half done: marked, then removed after she says yes. A child of
	// nine: no work, no money, no identity papers to ask, so the parts that ask them are passed
	// over, even from an old link, and the livret de famille is the third and last.
	await page.getByRole('button', { name: 'Ajouter une personne' }).click();
	await expect(heading(page)).toContainText('Personne 3');
	await fillPerson(page, '', ['1', '9', '2017']);
	await expect(heading(page)).toContainText('partie 1 sur 3');
	await page.goto('/demandes/logement-social/etape/5/3/3');
	await expect(page).toHaveURL(/\/etape\/5\/3\/7$/);
	await expect(heading(page)).toContainText('partie 3 sur 3');
	await expect(page.getByRole('group', { name: /livret de famille/ })).toBeVisible();
	await page.getByRole('link', { name: 'Retour' }).click();
	await expect(heading(page)).toContainText('partie 2 sur 3');
	await page.getByRole('link', { name: 'Retour' }).click();
	await expect(heading(page)).toContainText('partie 1 sur 3');
	await page.getByRole('link', { name: 'Retour' }).click();
	await expect(people).toHaveCount(3);
	await expect(people.nth(2)).toContainText('À compléter');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Personne 3 – Son nom et prénom : répondez à cette question'
	);
	await page.getByRole('button', { name: 'Retirer : Personne 3' }).click();
	await expect(page.getByText('Retirer Personne 3 de votre demande ?')).toBeVisible();
	await page.getByRole('button', { name: 'Oui, retirer' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Personne 3 est retiré' })).toBeVisible();
	await expect(people).toHaveCount(2);

	// Kept on the tablet: a reload brings everyone back.
	await page.reload();
	await expect(people).toHaveCount(2);
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByText('Étape 6 sur 13')).toBeVisible();
	// The steps after her household are not this test's: answered on the tablet as she left them.
	const [draft] = await deviceRecords<{ answers: object }>(page, 'drafts');
	await putDraft(page, {
		formId: 'logement-social',
		answers: { ...draft!.answers, ...HOUSING_REST },
		step: 16
	});
	await page.goto('/demandes/logement-social/verifier');

	// Read back person by person, each with a way to change it on that person's page.
	await expect(heading(page)).toContainText('Vérifiez vos réponses');
	await expect(page.getByRole('heading', { name: 'Personne 2', level: 3 })).toBeVisible();
	await expect(page.getByText('Petite-fille')).toBeVisible();
	await expect(page.getByText('8 allée des Tilleuls, 87000 Limoges')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Modifier : Lequel ?' })).toHaveAttribute(
		'href',
		'/demandes/logement-social/etape/5/2#field-membre-lien-autre'
	);
	// A question on a later part: "Modifier" opens that part.
	await page.getByRole('link', { name: 'Modifier : Son adresse aujourd’hui' }).last().click();
	await expect(heading(page)).toContainText('Personne 2');
	await expect(heading(page)).toContainText('partie 2 sur 6');
	await expect(where.getByLabel('Commune')).toHaveValue('Limoges');
	await page.goto('/demandes/logement-social/verifier');
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');

	// What the town hall holds: two people, "Lequel ?" for the one it concerns only.
	const sent = await request.get(`${baseURL}/api/v1/my-data`, {
		headers: { authorization: `Device ${await deviceKeyOf(page)}` }
	});
	const [mine] = (await sent.json()).requests as {
		answers: { question: string; text: string }[];
	}[];
	const said = Object.fromEntries(mine!.answers.map((a) => [a.question, a.text]));
	expect(said).toMatchObject({
		'Personne 1 – Son nom et prénom': 'Paul Martin',
		'Personne 1 – Son adresse aujourd’hui': '2 rue Haute, 87990 Val-de-Lierre',
		'Personne 2 – Son lien avec vous': 'Un autre lien',
		'Personne 2 – Lequel ?': 'Petite-fille',
		'Personne 1 – Retraite ou pension : montant par mois': expect.stringMatching(/^900,00\s€$/)
	});
	expect(said).not.toHaveProperty('Personne 1 – Lequel ?');
	expect(said).not.toHaveProperty('Personne 3 – Son nom et prénom');

	// The office reads each person under their own heading.
	const id = new URL(page.url()).pathname.split('/').at(-1);
	const staff = await staffPage(browser, AGENT);
	await staff.goto(`/pro/demandes/${id}`);
	const second = staff.getByRole('heading', { name: 'Personne 2', level: 4 });
	await expect(second).toBeVisible();
	await expect(staff.getByRole('definition').filter({ hasText: 'Petite-fille' })).toBeVisible();
	await staff.context().close();
});

test('the office sets a step to be asked for each person, in words, and sees it as she will', async ({
	browser
}) => {
	const admin = await staffPage(browser, ADMIN);
	await admin.goto('/pro/catalogue/demande-logement-social/formulaire');
	const household = admin.getByRole('region', {
		name: 'Étape 5 : Les personnes qui vivront avec vous'
	});
	await expect(household).toContainText(
		'Posée pour chaque personne ajoutée avec « Ajouter une personne », de 1 à 11.'
	);
	// Fewer at most than at least: said, and nothing changes.
	await household.getByLabel('Nombre maximum (20 au plus)').fill('0');
	await household.getByRole('button', { name: 'Enregistrer la répétition de l’étape 5' }).click();
	await expect(admin.getByRole('alert')).toContainText(
		'Écrivez un nombre maximum entre 1 et 20, au moins égal au minimum'
	);
	await household.getByLabel('Nombre maximum (20 au plus)').fill('6');
	await household.getByRole('button', { name: 'Enregistrer la répétition de l’étape 5' }).click();
	await expect(household).toContainText('de 1 à 6.');

	// A person's address starts as hers: the question says from which of hers.
	await expect(household).toContainText('remplie d’avance comme sa réponse à « Votre adresse »');
	await expect(household).toContainText('commence une page');
	await household.getByRole('link', { name: 'Modifier : Son adresse aujourd’hui' }).click();
	const from = admin.getByLabel('Remplie d’avance comme pour elle (facultatif)');
	await expect(from).toHaveValue('adresse');
	// Each person's questions go page by page: this one begins the second.
	await expect(
		admin.getByRole('checkbox', { name: 'Commencer une nouvelle page avec cette question' })
	).toBeChecked();
	await admin.getByRole('link', { name: 'Annuler' }).click();

	await admin.getByRole('link', { name: 'Essayer le formulaire (aperçu)' }).click();
	await admin.getByLabel('Combien de personnes vivront dans le logement ?').fill('2');
	await expect(admin.getByText('« Ajouter une personne », de 1 à 6')).toBeVisible();
	await expect(admin.getByRole('textbox', { name: 'Son nom et prénom' })).toBeVisible();
	await expectNoAxeViolations(admin, 'a repeated step tried in the preview');
	await admin.goto('/pro/catalogue/demande-logement-social/formulaire');
	await admin.getByRole('button', { name: 'Abandonner les modifications' }).click();
	await expect(household).toContainText('de 1 à 11.');
	await admin.context().close();
});
