import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { deviceKeyOf, putDraft, serverRecordsOf } from './helpers/device';
import { fillCallback, withRefusedAnswer } from './helpers/forms';
import { expectHeadingOrder } from './helpers/pages';
import { test as portalTest } from './helpers/portal';

// The tablet over time: its service worker is part of what is tested (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

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
	await expectHeadingOrder(page);
	await expect(page).toHaveTitle(/^Erreur : Vous – Être rappelé par un conseiller/);
	await expect(summary.getByRole('link')).toHaveText([
		'Votre nom et prénom : répondez à cette question',
		'Votre numéro de téléphone : répondez à cette question'
	]);
	await summary.getByRole('link').first().click();
	await expect(page.getByLabel('Votre nom et prénom')).toBeFocused();

	await fillCallback(page);
	await expect(page.getByText('Jeanne Martin')).toBeVisible();
	await expect(page.getByText('Le matin')).toBeVisible();
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

	const records = await serverRecordsOf(request, baseURL!, await deviceKeyOf(page));
	expect(records.requests).toEqual([expect.objectContaining({ reference, status: 'received' })]);

	await page.getByRole('link', { name: 'Voir mes demandes' }).click();
	await expect(page.getByText(reference)).toBeVisible();
	await expect(page.getByText('Tout est envoyé.')).toBeVisible();
	await expectNoAxeViolations(page, 'my requests');

	// Days later she re-reads what she sent, and can print it.
	await page
		.getByRole('link', { name: 'Relire ma demande : Être rappelé par un conseiller' })
		.click();
	await expect(page.getByRole('heading', { name: 'Vos réponses' })).toBeVisible();
	const answers = page.getByRole('definition');
	await expect(answers.filter({ hasText: 'Jeanne Martin-Roux' })).toBeVisible();
	await expect(answers.filter({ hasText: 'Le matin' })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Modifier/ })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Imprimer' })).toBeVisible();
	// On paper: her answers, without the portal's menus and buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
	await expect(page.getByRole('banner')).toBeHidden();
	await expect(answers.filter({ hasText: 'Jeanne Martin-Roux' })).toBeVisible();
	await expect(page.getByText('CCAS de Val-de-Lierre : 05 36 49 10 00')).toBeVisible();
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
	// Not "all sent": an unfinished request, with the way back to it.
	await expect(page.getByText('Vous avez 1 demande non terminée.')).toBeVisible();
	await expect(page.getByText('Tout est envoyé.')).toHaveCount(0);
	await expect(
		page.getByRole('link', {
			name: 'Reprendre ma demande : Inscription au registre canicule et grand froid'
		})
	).toHaveAttribute('href', '/demandes/registre-canicule/etape/1');
	await page.goto('/services/registre-canicule');
	await expect(page.getByRole('link', { name: 'Reprendre ma demande' })).toHaveAttribute(
		'href',
		'/demandes/registre-canicule/etape/1'
	);
	await page.goto('/mes-demandes');
	const draft = page
		.getByRole('listitem')
		.filter({ hasText: 'Inscription au registre canicule et grand froid' })
		.filter({ hasText: 'Modifié le' });
	await draft.getByRole('link', { name: /^Reprendre :/ }).click();
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
		await expect(page.getByText('1 demande en attente d’envoi', { exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Voir mes rendez-vous' })).toHaveCount(0);
		// She taps "send now" without a connection: she is told, rather than left to tap again.
		await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
		await expect(
			page.getByText(
				'Pas de connexion pour l’instant. Nous réessaierons tout seuls dès que possible.'
			)
		).toBeVisible();
		// What she wrote is there to re-read, from the tablet's copy.
		await expect(page.getByRole('heading', { name: 'Vos réponses' })).toBeVisible();
		await expect(page.getByRole('definition').filter({ hasText: 'Jeanne Martin' })).toBeVisible();
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

test('the consent is a card like the other choices: the sentence first, what it means after', async ({
	page
}) => {
	await page.goto('/demandes/registre-canicule/etape/4');
	const box = page.getByRole('checkbox', { name: /^J’accepte que le CCAS enregistre/ });
	await expect(box).toHaveAccessibleDescription(/Elles ne servent qu’à cela/);
	const card = page.locator('label').filter({ has: box });
	const hint = page.getByText(/^Elles ne servent qu’à cela/);
	const [cardBox, hintBox] = [(await card.boundingBox())!, (await hint.boundingBox())!];
	expect(cardBox.height).toBeGreaterThanOrEqual(48);
	expect(hintBox.y).toBeGreaterThanOrEqual(cardBox.y + cardBox.height);
	await expect(card).toHaveCSS('border-top-style', 'solid');
	// The whole card ticks the box, as the other choices do.
	await card.click({ position: { x: cardBox.width - 10, y: cardBox.height / 2 } });
	await expect(box).toBeChecked();
});

test('a request the town hall refused becomes her draft again, corrected and sent once', async ({
	page,
	request,
	baseURL
}) => {
	await withRefusedAnswer(page);
	await fillCallback(page, { open: true });
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande n’a pas pu être acceptée');
	await page.getByRole('button', { name: 'Corriger ma demande' }).click();

	// Back on her answers, all kept; the refused sending is gone from the tablet.
	await expect(heading(page)).toContainText('Vérifiez vos réponses');
	await expect(page.getByText('Jeanne Martin')).toBeVisible();
	await expect(page.getByText('Le matin')).toBeVisible();
	await page.unrouteAll();
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');

	const records = await serverRecordsOf(request, baseURL!, await deviceKeyOf(page));
	expect(records.requests).toHaveLength(1);
	await page.goto('/mes-demandes');
	await expect(page.getByText('Tout est envoyé.')).toBeVisible();
	await expect(page.getByText('n’a pas pu être acceptée')).toHaveCount(0);
});

test('an amount is read as she writes it, and four choices are laid out to press', async ({
	page
}) => {
	await page.goto('/demandes/logement-social/etape/4');
	await page.getByLabel('Combien de personnes vivront dans le logement ?').fill('2');
	await page.getByRole('button', { name: 'Continuer' }).click();
	// Two people: the next step asks who the other one is.
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Les personnes qui vivront avec vous'
	);
	await page.goto('/demandes/logement-social/etape/7');
	await page.getByRole('checkbox', { name: 'Retraite ou pension' }).check();
	await page.getByLabel('Retraite ou pension : montant par mois').fill('1 200 €');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Votre logement aujourd’hui');
	await page.goto('/demandes/logement-social/etape/9');
	const kind = page.getByRole('group', { name: 'Quel logement ?' });
	await expect(kind.getByRole('radio')).toHaveCount(4);
	await kind.getByRole('radio', { name: '2 pièces' }).check();

	// Eight hours stay in a list.
	await page.goto('/demandes/transport-accompagne/etape/3');
	await expect(
		page.getByRole('combobox', { name: 'À quelle heure devez-vous y être ?' })
	).toBeVisible();
});

test('a question comes only when her answer calls for it; what it hides is neither checked nor sent', async ({
	page,
	request,
	baseURL
}) => {
	// Her journey so far, as her tablet keeps it: the first three steps answered.
	await page.goto('/demandes/transport-accompagne');
	await expect(heading(page)).toHaveText('Demande de transport accompagné');
	const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
	await putDraft(page, {
		formId: 'transport-accompagne',
		answers: {
			nom: 'Marcel Dupuis',
			telephone: '06 12 34 56 78',
			adresse: '4 rue des Lilas',
			destination: 'Hôpital de Val-de-Lierre',
			date: nextWeek,
			heure: '09:00',
			fauteuil: []
		},
		step: 4
	});
	await page.goto('/demandes/transport-accompagne/etape/4');
	await expect(heading(page)).toContainText('Le retour');
	await expect(page.getByText('Étape 4 sur 4')).toBeVisible();
	const pickUp = page.getByRole('combobox', {
		name: 'À quelle heure faut-il venir vous rechercher ?'
	});
	await expect(pickUp).toHaveCount(0);
	// "Oui": the time of the way back is asked, below, and cannot be left out.
	await page.getByRole('radio', { name: 'Oui' }).check();
	await expect(pickUp).toBeVisible();
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'À quelle heure faut-il venir vous rechercher ? : répondez à cette question'
	);
	await expectNoAxeViolations(page, 'a question her answer called for, unanswered');
	await pickUp.selectOption({ label: '17 h' });
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(heading(page)).toContainText('Vérifiez vos réponses');
	await expect(page.getByText('17 h', { exact: true })).toBeVisible();

	// She changes her mind: no way back. The time she chose is kept on the tablet, not sent.
	await page.getByRole('link', { name: 'Modifier : Avez-vous besoin du retour ?' }).click();
	await page.getByRole('radio', { name: 'Non' }).check();
	await expect(pickUp).toHaveCount(0);
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(heading(page)).toContainText('Vérifiez vos réponses');
	await expect(page.getByText('À quelle heure faut-il venir vous rechercher ?')).toHaveCount(0);
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');
	const sent = await request.get(`${baseURL}/api/v1/my-data`, {
		headers: { authorization: `Device ${await deviceKeyOf(page)}` }
	});
	const [mine] = (await sent.json()).requests as {
		answers: { question: string; answer: unknown }[];
	}[];
	expect(mine!.answers.map((a) => a.question)).toContain('Avez-vous besoin du retour ?');
	expect(mine!.answers.map((a) => a.question)).not.toContain(
		'À quelle heure faut-il venir vous rechercher ?'
	);
});

test('an address is asked in its parts, offered from what her tablet knows', async ({ page }) => {
	// "Mes informations" holds her address as she wrote it there, on two lines.
	await page.goto('/mes-informations');
	await page.getByLabel('Votre adresse (facultatif)').fill('4 rue des Lilas\n87990 Val-de-Lierre');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await page.goto('/demandes/logement-social/etape/3');
	const where = page.getByRole('group', { name: 'Votre adresse' });
	await expect(where.getByLabel('Numéro et rue')).toHaveValue('4 rue des Lilas');
	await expect(where.getByLabel('Code postal')).toHaveValue('87990');
	await expect(where.getByLabel('Commune')).toHaveValue('Val-de-Lierre');
	await page.getByLabel('Votre numéro de téléphone').fill('06 12 34 56 78');
	await where.getByLabel('Code postal').fill('');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('alert')).toContainText('Votre adresse : donnez l’adresse en entier');
	await where.getByLabel('Code postal').fill('8799');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Votre adresse : le code postal a 5 chiffres'
	);
	await expectNoAxeViolations(page, 'an address in its parts, with an error');
	await where.getByLabel('Code postal').fill('87990');
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Votre foyer');
});
