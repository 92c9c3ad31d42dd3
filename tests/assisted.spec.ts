import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { fillCallback } from './helpers/forms';
import { test as portalTest } from './helpers/portal';
import { ADMIN, AGENT, createAccount, signIn, type StaffAccount } from './helpers/staff';
import { fillContact, TIME } from './helpers/booking';

// The tablet over time: its service worker is part of what is tested (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const banner = (page: Page) => page.getByRole('region', { name: 'Aide d’un agent de la mairie' });
const staffCookie = async (context: BrowserContext) =>
	(await context.cookies()).some((c) => c.name === 'portail_staff');
const assistKeys = (page: Page) =>
	page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('portail.assist')));

/** "Je suis un professionnel", from the footer of the senior's portal. */
async function startHelping(page: Page, agent: StaffAccount) {
	await page.getByRole('link', { name: 'Je suis un professionnel' }).click();
	await expect(heading(page)).toHaveText('Aider une personne sur sa tablette');
	await page.getByLabel('Adresse e-mail professionnelle').fill(agent.email);
	await page.getByLabel('Mot de passe').fill(agent.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(banner(page)).toContainText(
		`${agent.name}, agent de la mairie, vous aide sur cette tablette.`
	);
}

test('an agent helps on the senior’s tablet: banner, her consent, his name on the request, and nothing of his left after', async ({
	page,
	context,
	browser
}) => {
	// A request and a booking with the agent, then the staff area: a long journey.
	test.setTimeout(120_000);
	// Her tablet already holds a draft of her own.
	await page.goto('/demandes/registre-canicule/etape/1');
	await page.getByLabel('Votre nom et prénom').fill('Marcelle Dupin');
	await page.goto('/pro/connexion?aide');
	await expectNoAxeViolations(page, 'assisted sign-in');
	await page.goto('/');
	await startHelping(page, AGENT);
	await expectNoAxeViolations(page, 'home, assisted');

	// The staff area does not open on her tablet, even with the agent signed in.
	await page.goto('/pro');
	await expect(heading(page)).toHaveText('Page réservée');

	await fillCallback(page, { open: true, name: 'Marcelle Dupin' });
	await expect(banner(page)).toBeVisible();
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Demandez l’accord de la personne, puis cochez la case avant d’envoyer'
	);
	await expectNoAxeViolations(page, 'check answers, assisted, consent missing');
	await page.getByRole('checkbox', { name: /Elle accepte que je les envoie en son nom/ }).check();
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');
	const reference = (await page.locator('.reference').textContent())!.trim();

	// A booking made with him needs her consent too, and the office sees who helped.
	await page.goto('/rendez-vous/plateforme-repit');
	await page.getByRole('link', { name: /Entretien avec la coordinatrice/ }).click();
	await page
		.getByRole('link', { name: /horaires? libres?$/ })
		.first()
		.click();
	const time = page.getByRole('link', { name: TIME }).first();
	const day = new URL((await time.getAttribute('href'))!, 'http://x').searchParams.get('jour');
	await time.click();
	await fillContact(page);
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(page.getByRole('alert')).toContainText('Demandez l’accord de la personne');
	await page.getByRole('checkbox', { name: /Elle accepte que je le prenne en son nom/ }).check();
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');
	const booking = (await page.getByText(/^R-\w{3}-\w{3}$/).textContent())!.trim();

	await banner(page).getByRole('button', { name: 'Terminer l’aide' }).click();
	await expect(
		page.getByText(
			'L’aide est terminée. Vos brouillons et vos informations restent sur cette tablette.'
		)
	).toBeVisible();
	await expect(banner(page)).toHaveCount(0);
	await expect.poll(() => staffCookie(context)).toBe(false);
	// Only the moment the help ended stays: no name, no session.
	expect(await assistKeys(page)).toEqual(['portail.assist.ended-at']);

	// What is hers stays: the draft and the request she sent.
	await page.goto('/mes-demandes');
	await expect(page.getByText(reference)).toBeVisible();
	await expect(
		page.getByRole('link', {
			name: 'Reprendre ma demande : Inscription au registre canicule et grand froid'
		})
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Je suis un professionnel' })).toBeVisible();

	// In the staff area, the request says who helped her.
	const admin = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
	await signIn(admin, ADMIN);
	await admin.getByLabel('Nom de la personne').fill('marcelle dupin');
	await admin.getByRole('button', { name: 'Filtrer' }).click();
	await admin.getByRole('link', { name: reference }).click();
	await expect(admin.getByRole('definition').filter({ hasText: AGENT.name })).toBeVisible();
	await expect(admin.getByText(`par ${AGENT.name}`)).toBeVisible();
	await admin.goto(`/pro/rendez-vous?jour=${day}`);
	await expect(admin.getByRole('row').filter({ hasText: booking })).toContainText(
		`Pris avec l’aide de ${AGENT.name}`
	);
	await admin.goto('/pro/journal');
	await expect(
		admin
			.getByRole('row')
			.filter({ hasText: 'a terminé l’aide sur la tablette d’une personne' })
			.first()
	).toBeVisible();
	await admin.context().close();
});

portalTest(
	'“Terminer l’aide” without a connection: the tablet forgets at once, the session ends once back online',
	async ({ portal }) => {
		const { page, context, server } = portal;
		createAccount(AGENT, server.dataDir);
		await page.goto('/');
		await startHelping(page, AGENT);
		await expect.poll(() => staffCookie(context)).toBe(true);
		await portal.visitThenGoOffline();

		await page.goto('/mes-demandes');
		await banner(page).getByRole('button', { name: 'Terminer l’aide' }).click();
		await expect(banner(page)).toHaveCount(0);
		await expect(page.getByText('L’aide est terminée.', { exact: false })).toBeVisible();
		expect((await assistKeys(page)).sort()).toEqual([
			'portail.assist.end-pending',
			'portail.assist.ended-at'
		]);

		// Back online: the first sync ends the session on the server, which removes the cookie.
		await server.start();
		await context.setOffline(false);
		await page.goto('/');
		await expect.poll(() => staffCookie(context), { timeout: 20_000 }).toBe(false);
		await expect.poll(() => assistKeys(page)).toEqual(['portail.assist.ended-at']);
		await expect(banner(page)).toHaveCount(0);
		await page.goto('/pro/connexion?aide');
		await expect(heading(page)).toHaveText('Aider une personne sur sa tablette');
	}
);

test('help the agent forgets to end stops by itself after the hour, on the tablet too, even offline', async ({
	page,
	context
}) => {
	// The tablet's clock is driven by the test; the server's session ends on its own clock (unit test).
	await page.clock.install();
	await page.goto('/');
	await startHelping(page, AGENT);
	// The banner is drawn by the server first; the tablet keeps the agent once the app has started.
	await expect
		.poll(async () => (await assistKeys(page)).sort())
		.toEqual(['portail.assist.agent', 'portail.assist.until']);
	await context.setOffline(true);
	// Her browsing meanwhile keeps nothing alive; an hour later the banner says the help ended.
	await page.clock.fastForward('30:00');
	await expect(banner(page)).toBeVisible();
	await page.clock.fastForward('31:00');
	await expect(banner(page)).toHaveCount(0);
	await expect(
		page.getByText(
			'L’aide est terminée. Vos brouillons et vos informations restent sur cette tablette.'
		)
	).toBeVisible();
	expect(await assistKeys(page)).toEqual(['portail.assist.ended-at']);
	await context.setOffline(false);
});
