import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { test } from './helpers/portal';
import { AGENT, createAccount, signIn } from './helpers/staff';
import { TIME } from './helpers/booking';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
/** "Mardi 1 décembre", as the staff pages write a day. */
const dayName = (day: string) => {
	const text = new Intl.DateTimeFormat('fr-FR', {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		timeZone: 'Europe/Paris'
	}).format(new Date(`${day}T12:00:00Z`));
	return text.charAt(0).toUpperCase() + text.slice(1);
};

// On a server of its own: closing days and changing hours must not move other tests' slots.
test('the office sees whom it expects, closes a day and changes its hours; devices are offered the new slots', async ({
	portal,
	browser
}) => {
	test.setTimeout(120_000);
	const { page, server } = portal;
	createAccount(AGENT, server.dataDir);

	// The senior keeps her name and phone on her tablet, then books.
	await page.goto('/mes-informations');
	await page.getByLabel('Votre nom et prénom').fill('Yvonne Carré');
	await page.getByLabel('Votre numéro de téléphone').fill('06 98 76 54 32');
	await page.getByRole('button', { name: 'Enregistrer mes informations' }).click();
	await page.goto('/rendez-vous/france-services-rdv');
	await page
		.getByRole('link', { name: /horaires? libres?$/ })
		.first()
		.click();
	const time = page.getByRole('link', { name: TIME }).first();
	const start = new URL((await time.getAttribute('href'))!, 'http://x').searchParams.get('heure')!;
	await time.click();
	// Prefilled from "Mes informations".
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Yvonne Carré');
	await expect(page.getByLabel('Votre numéro de téléphone')).toHaveValue('06 98 76 54 32');
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');
	const day = start.slice(0, 10);

	const agent = await (
		await browser.newContext({ baseURL: server.url, locale: 'fr-FR' })
	).newPage();
	await signIn(agent, AGENT);
	// The staff area's own shell: the agent's tools, none of the senior's menu.
	const tools = agent.getByRole('navigation', { name: 'Espace professionnel' });
	await expect(tools.getByRole('link')).toHaveText([
		'Demandes',
		'Rendez-vous',
		'Horaires',
		'À appeler',
		'Envois'
	]);
	await expect(agent.getByRole('link', { name: 'Mes demandes' })).toHaveCount(0);
	await expect(agent.getByRole('link', { name: 'Je suis un professionnel' })).toHaveCount(0);
	await expect(agent.getByRole('contentinfo')).toContainText('Le portail des habitants');
	await tools.getByRole('link', { name: 'Rendez-vous' }).click();
	await agent.getByLabel('Jour', { exact: true }).fill(day);
	await agent.getByRole('button', { name: 'Afficher' }).click();
	const office = agent.getByRole('region', {
		name: 'Espace France Services'
	});
	await expect(office.getByRole('row').filter({ hasText: 'Yvonne Carré' })).toContainText(
		'06 98 76 54 32'
	);
	await expect(office.getByRole('row').filter({ hasText: 'Yvonne Carré' })).toContainText(
		'Sur place'
	);
	// The week of this office, and on paper the day's list without the area around it.
	await office.getByRole('link', { name: /Voir la semaine/ }).click();
	await expect(heading(agent)).toHaveText('Rendez-vous de la semaine – Espace France Services');
	await expect(
		agent.getByRole('region', { name: new RegExp(`^${dayName(day)}`) }).getByRole('row', {
			name: /Yvonne Carré/
		})
	).toBeVisible();
	await agent.goBack();
	await agent.emulateMedia({ media: 'print' });
	await expect(agent.getByRole('button', { name: 'Imprimer la liste du jour' })).toBeHidden();
	await expect(agent.getByRole('navigation', { name: 'Espace professionnel' })).toBeHidden();
	await expect(office.getByRole('row').filter({ hasText: 'Yvonne Carré' })).toBeVisible();
	await agent.emulateMedia({ media: 'screen' });

	await office.getByRole('link', { name: /Horaires et fermetures/ }).click();
	await expect(heading(agent)).toContainText('Horaires et fermetures');

	// Closing the booked day cancels what was booked, with the reason, and tells the agent whom
	// to call; no slot is offered that day.
	await agent.getByLabel('Jour de fermeture').fill(day);
	await agent.getByLabel('Raison', { exact: true }).fill('Formation de l’équipe');
	await agent.getByRole('button', { name: 'Fermer ce jour-là' }).click();
	await expect(agent.getByText(/1 rendez-vous de ce jour est annulé/)).toBeVisible();
	// Her tablet tells her at its next sync, with what to do next.
	await page.goto('/mes-rendez-vous');
	await expect(
		page.getByText('La mairie a annulé ce rendez-vous : Formation de l’équipe')
	).toBeVisible();
	await expect(page.getByRole('link', { name: /^Choisir un autre horaire/ })).toHaveAttribute(
		'href',
		'/rendez-vous/france-services-rdv'
	);
	await agent
		.getByRole('link', { name: 'Voir leurs noms et téléphones pour les appeler aussi' })
		.click();
	await expect(agent.getByRole('row').filter({ hasText: 'Yvonne Carré' })).toContainText('Annulé');
	// The week says the day was closed, and why.
	await agent.goto(`/pro/rendez-vous/semaine?guichet=france-services-rdv&jour=${day}`);
	await expect(agent.getByText('Guichet fermé ce jour-là : Formation de l’équipe')).toBeVisible();
	await agent.goto('/pro/guichets/france-services-rdv');
	await expect(
		agent.getByRole('listitem').filter({ hasText: 'Formation de l’équipe' })
	).toBeVisible();
	const slotsOf = async () =>
		(await (await agent.request.get(`/api/v1/slots?serviceId=france-services-rdv`)).json())
			.slots as {
			start: string;
		}[];
	expect((await slotsOf()).filter((s) => s.start.startsWith(day))).toEqual([]);
	await agent.getByRole('button', { name: /^Rouvrir/ }).click();
	await expect(agent.getByText('Le jour est rouvert.')).toBeVisible();
	expect((await slotsOf()).some((s) => s.start.startsWith(day))).toBe(true);

	// Hours: a mistake is explained and leads to the field; a fixed week is saved.
	const row1 = (field: string) =>
		agent.getByRole('group', { name: 'Plage 1', exact: true }).getByLabel(field, { exact: true });
	const newRow = (field: string) =>
		agent.getByRole('group', { name: 'Nouvelle plage' }).getByLabel(field, { exact: true });
	await row1('À').fill('08:00');
	await agent.getByRole('button', { name: 'Enregistrer les horaires' }).click();
	await expect(agent.getByRole('alert')).toContainText(
		'Plage 1 : l’heure de fin doit venir après l’heure de début'
	);
	await expectNoAxeViolations(agent, 'office hours with an error');
	await agent.getByRole('alert').getByRole('link').click();
	await expect(row1('À')).toBeFocused();
	await row1('À').fill('12:00');
	await row1('Personnes reçues à la fois').fill('5');
	// Saturday mornings open too.
	await newRow('Jour').selectOption({ label: 'Samedi' });
	await newRow('De').fill('09:00');
	await newRow('À').fill('11:00');
	await newRow('Personnes reçues à la fois').fill('1');
	await agent.getByRole('button', { name: 'Enregistrer les horaires' }).click();
	await expect(agent.getByText('Horaires enregistrés.')).toBeVisible();
	await expect(row1('Personnes reçues à la fois')).toHaveValue('5');
	const saturdays = (await slotsOf()).filter((s) => new Date(s.start).getUTCDay() === 6);
	expect(saturdays.length).toBeGreaterThan(0);
	await agent.context().close();
});
