import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations } from './helpers/axe';
import { fillCallback } from './helpers/forms';
import { ADMIN, staffPage } from './helpers/staff';
import { officeWrites } from './helpers/messages';

test('a senior downloads what the town hall holds, asks for its erasure, and an administrator carries it out', async ({
	page,
	browser
}) => {
	await fillCallback(page, { open: true, name: 'Simone Aubert', question: 'Ma question à moi' });
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Votre demande est bien arrivée'
	);
	const reference = (await page.locator('.reference').textContent())!.trim();
	// The office asked her something: her thread is part of what it holds.
	await officeWrites(page.url().split('/').at(-1)!, {
		kind: 'question',
		body: 'Quel jour vous arrange ?'
	});

	await page.goto('/mes-informations');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Télécharger mes données' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
	expect(data.atTheTownHall.requests).toEqual([
		expect.objectContaining({
			reference,
			form: 'Être rappelé par un conseiller',
			answers: expect.arrayContaining([
				{ question: 'Votre nom et prénom', answer: 'Simone Aubert', text: 'Simone Aubert' },
				{
					question: 'Votre question, en quelques mots',
					answer: 'Ma question à moi',
					text: 'Ma question à moi'
				}
			]),
			thread: [expect.objectContaining({ from: 'office', text: 'Quel jour vous arrange ?' })]
		})
	]);
	await expect(page.getByText(/Vos données sont enregistrées dans le fichier/)).toBeVisible();

	// The same, in plain words, to read or print: her request, her answers as she gave them.
	await page.getByRole('link', { name: 'Lire mes données' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes données à la mairie');
	const record = page.getByRole('region', {
		name: `Demande ${reference} : Être rappelé par un conseiller`
	});
	await expect(record).toContainText('Ma question à moi');
	// A choice is read back by its label, not its code.
	await expect(record).toContainText('Le matin');
	await expect(record).toContainText('Reçue');
	await expect(
		record.getByRole('listitem').filter({ hasText: 'Quel jour vous arrange ?' })
	).toHaveText(/^La mairie, le .+ : Quel jour vous arrange \?$/);
	await page.emulateMedia({ media: 'print' });
	await expect(record).toBeVisible();
	await expect(page.getByRole('button', { name: 'Imprimer cette page' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
	await page.goto('/mes-informations');

	await page.getByRole('button', { name: 'Demander l’effacement de mes données' }).click();
	await expect(
		page.getByText(/effacera vos demandes et vos rendez-vous dans un délai d’un mois/)
	).toBeVisible();
	await expectNoAxeViolations(page, 'erasure confirmation');
	await page.getByRole('button', { name: 'Oui, demander l’effacement' }).click();
	const sent = page.getByText(
		/Votre demande d’effacement est arrivée à la mairie, sous le numéro E-/
	);
	await expect(sent).toBeVisible();
	const erasure = /E-\w{3}-\w{3}/.exec((await sent.textContent())!)![0];

	const admin = await staffPage(browser, ADMIN);
	await admin.getByRole('link', { name: 'Effacements' }).click();
	const card = admin.getByRole('listitem').filter({ hasText: erasure });
	await expect(card).toContainText('Noms donnés : Simone Aubert');
	await expectNoAxeViolations(admin, 'erasure requests');
	await card.getByRole('button', { name: /Effacer ces données/ }).click();
	await expect(
		admin.getByText(`Les données de la demande ${erasure} sont effacées.`)
	).toBeVisible();
	await admin.goto('/pro/journal');
	await expect(
		admin.getByRole('row').filter({ hasText: 'a effacé les données d’une personne' }).first()
	).toContainText(erasure);
	// Reading the list of pending erasures (it shows names) is journaled too.
	await expect(
		admin
			.getByRole('row')
			.filter({ hasText: 'a consulté les demandes d’effacement (noms affichés)' })
			.first()
	).toBeVisible();
	await admin.context().close();

	// Her tablet, at its next sync, no longer lists what was erased.
	await page.goto('/mes-demandes');
	await expect(page.getByText(reference)).toHaveCount(0);
});
