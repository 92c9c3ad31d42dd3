import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { addMonths } from 'date-fns';
import { herRequest } from './helpers/messages';
import { putDraft } from './helpers/device';
import { HOUSING_ALONE } from './support/housing';
import { AGENT, staffPage } from './helpers/staff';

// Messages on a request (issue 25, §3): the office asks her for a document; she reads it large on
// her tablet, answers with a photo while the Wi-Fi is gone; the office sees "Réponse reçue", and
// each side sees when the other read.

test('the office asks for a document; she answers with a photo offline; each side sees it read', async ({
	browser
}) => {
	const tablet = await (
		await browser.newContext({ locale: 'fr-FR', viewport: { width: 1024, height: 768 } })
	).newPage();
	// Her list asks the town hall for her records: the tablet has its key from then on.
	await tablet.goto('/mes-demandes');
	const { id: recordId, reference } = await herRequest(tablet);

	// The agent asks for her tax notice, saying why.
	const agent = await staffPage(browser, AGENT);
	await agent.goto(`/pro/demandes/${recordId}`);
	const thread = agent.getByRole('region', { name: 'Messages avec la personne' });
	await thread.getByRole('radio', { name: 'Lui demander un document' }).check();
	await thread.getByLabel('Quel document ?').fill('Votre dernier avis d’impôt');
	await thread
		.getByLabel('Votre message')
		.fill('Pour finir votre demande, il nous manque votre avis d’impôt.');
	await thread.getByRole('button', { name: 'Envoyer le message' }).click();
	await expect(agent.getByText('Message envoyé.')).toBeVisible();
	await expect(agent.getByText('Pas encore lu par la personne')).toBeVisible();
	await agent.goto('/pro?messages=awaiting');
	await expect(agent.getByRole('row', { name: new RegExp(reference) })).toContainText(
		'En attente de sa réponse'
	);

	// On her tablet: the badge on "Mes demandes", the office waiting for her, the message large.
	await tablet.goto('/mes-demandes');
	await expect(
		tablet
			.getByRole('link', { name: /^Mes demandes\s*\(1 nouveau message de la mairie\)$/ })
			.first()
	).toBeVisible();
	await expect(tablet.getByText('La mairie attend votre réponse')).toBeVisible();
	await tablet.getByRole('link', { name: new RegExp(`Lire les messages : ${reference}`) }).click();
	await expect(tablet.getByRole('heading', { level: 1 })).toHaveText('Vos messages avec la mairie');
	await expect(
		tablet.getByRole('heading', { name: /La mairie vous demande un document/ })
	).toBeVisible();
	await expect(tablet.getByText('Document demandé : Votre dernier avis d’impôt')).toBeVisible();
	// Read here: the badge goes at once, offline or not.
	await expect(tablet.getByRole('link', { name: /nouveau message/ })).toHaveCount(0);

	// What she types survives a reload.
	const answer = tablet.getByLabel('Votre réponse');
	await answer.fill('Voici la première page.');
	await expect
		.poll(async () => {
			await tablet.reload();
			return tablet.getByLabel('Votre réponse').inputValue();
		})
		.toBe('Voici la première page.');

	// The Wi-Fi goes: she photographs the page and sends; it waits on the tablet.
	await tablet.context().setOffline(true);
	const photo = await sharp({
		create: { width: 1600, height: 1200, channels: 3, background: '#f4efe2' }
	})
		.jpeg()
		.toBuffer();
	const chooser = tablet.waitForEvent('filechooser');
	await tablet.getByRole('button', { name: 'Prendre une photo' }).click();
	await (await chooser).setFiles({ name: 'avis.jpg', mimeType: 'image/jpeg', buffer: photo });
	await expect(tablet.getByText('Page 1 ajoutée.')).toBeVisible();
	await tablet.getByRole('button', { name: 'Envoyer mon message' }).click();
	await expect(tablet.getByText('En attente d’envoi : il partira')).toBeVisible();
	await expect(tablet.getByText('1 photo envoyée')).toBeVisible();

	// Back online, it leaves by itself, its photo first.
	await tablet.context().setOffline(false);
	await expect(tablet.getByText('Reçu par la mairie')).toBeVisible({ timeout: 20_000 });

	// The office: "Réponse reçue", her words and her photo; opening it is her read receipt.
	await agent.goto('/pro?messages=replied');
	await agent.getByRole('link', { name: reference }).click();
	await expect(agent.getByText('Voici la première page.')).toBeVisible();
	await expect(agent.getByText(/^Lu par la personne le /)).toBeVisible();
	await expect(
		agent.getByRole('link', { name: /Photo jointe à son message/ }).getByRole('img')
	).toBeVisible();
	await agent.goto('/pro?messages=replied');
	await expect(agent.getByRole('row', { name: new RegExp(reference) })).toHaveCount(0);

	await tablet.reload();
	await expect(tablet.getByText(/^Lu par la mairie le /)).toBeVisible();
	await agent.context().close();
	await tablet.context().close();
});

test('an agent records the numéro unique of her housing application; she reads it, and reports a change', async ({
	browser
}) => {
	// Sent from her tablet, which keeps what she sent: the change starts from it.
	const tablet = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
	const heading = tablet.getByRole('heading', { level: 1 });
	await tablet.goto('/demandes/logement-social');
	await expect(heading).toBeVisible();
	await putDraft(tablet, { formId: 'logement-social', answers: HOUSING_ALONE, step: 16 });
	await tablet.goto('/demandes/logement-social/verifier');
	await tablet.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading).toHaveText('Votre demande est bien arrivée');
	const recordId = new URL(tablet.url()).pathname.split('/').at(-1);

	const agent = await staffPage(browser, AGENT);
	await agent.goto(`/pro/demandes/${recordId}`);
	const registration = agent.getByRole('region', { name: 'Enregistrement national' });
	await expect(registration).toContainText('Pas encore de numéro.');
	await registration.getByLabel('Numéro').fill('087/1226');
	await registration.getByRole('button', { name: 'Enregistrer le numéro' }).click();
	await expect(agent.getByRole('alert').first()).toBeVisible();
	await expect(agent.getByText('Écrivez le numéro tel qu’il figure').first()).toBeVisible();
	await registration.getByLabel('Numéro').fill('087 1226 12345 a');
	await registration.getByRole('button', { name: 'Enregistrer le numéro' }).click();
	await expect(agent.getByText('Numéro enregistré.')).toBeVisible();
	await expect(registration).toContainText('087 1226 12345 A');
	const renewBy = new Intl.DateTimeFormat('fr-FR', {
		dateStyle: 'long',
		timeZone: 'Europe/Paris'
	}).format(addMonths(new Date(), 12));
	await expect(registration).toContainText(`À renouveler avant le ${renewBy}`);

	await tablet.goto('/mes-demandes');
	const card = tablet.getByRole('listitem').filter({ hasText: 'Demande de logement social' });
	await expect(card).toContainText('Numéro unique : 087 1226 12345 A');
	await expect(card).toContainText(`À renouveler avant le ${renewBy}.`);
	await agent.context().close();

	// Her situation changed: her application opens again with its number, asking what changed.
	await expect(card.getByRole('button', { name: /Renouveler ma demande/ })).toHaveCount(0);
	await card.getByRole('button', { name: /Signaler un changement de situation/ }).click();
	await expect(heading).toContainText('Votre demande');
	await expect(
		tablet.getByRole('radio', { name: 'Un changement sur ma demande en cours' })
	).toBeChecked();
	await expect(tablet.getByLabel(/Numéro unique de demande/)).toHaveValue('087 1226 12345 A');
	await tablet.getByRole('checkbox', { name: 'Mon travail ou mes ressources' }).check();
	await tablet.getByRole('button', { name: 'Continuer' }).click();
	// Only the parts that changed are asked again, with who she is, her papers and her consent.
	await expect(tablet.getByText('Étape 2 sur 8')).toBeVisible();
	await tablet.goto('/demandes/logement-social/verifier');
	await expect(tablet.getByRole('heading', { name: 'Vos ressources' })).toBeVisible();
	await expect(tablet.getByRole('heading', { name: 'Votre logement aujourd’hui' })).toHaveCount(0);
	await tablet.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading).toHaveText('Votre demande est bien arrivée');
	await tablet.context().close();
});
