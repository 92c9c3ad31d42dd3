import { expect, test, type Browser, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectNoAxeViolations } from './helpers/axe';
import { TABLETS } from './helpers/pages';
import { fillCallback } from './helpers/forms';
import { requestSubmission } from './helpers/senior-api';
import {
	ADMIN,
	AGENT,
	BASE_URL,
	createAccount,
	openAccountMenu,
	signIn,
	staffPage,
	type StaffAccount
} from './helpers/staff';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** Accounts made by a test sign in through the page (ADMIN and AGENT start signed in). */
async function signedInPage(browser: Browser, account: StaffAccount) {
	const context = await browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await signIn(page, account);
	return page;
}

test('an agent finds a request, moves it on, and the senior reads the answer in “Mes demandes”', async ({
	page,
	browser
}) => {
	// The senior sends her request from her tablet.
	await fillCallback(page, { open: true, name: 'Odile Carpentier' });
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');
	const reference = (await page.locator('.reference').textContent())!.trim();
	const progress = page.getByRole('region', { name: 'Où en est ma demande' });
	await expect(progress).toContainText('Reçue');
	// The service's usual time, while she waits for an answer.
	await expect(progress).toContainText('Réponse en général sous 2 jours.');

	const agent = await staffPage(browser, AGENT);
	// Named in the header's menu, with what the account may do.
	const menu = await openAccountMenu(agent, AGENT.name);
	await expect(menu.getByText(`${AGENT.name}, agent`)).toBeVisible();
	// Found by her name typed without accents or capitals, among received requests.
	await agent.getByLabel('Nom de la personne').fill('odile CARPENTIER');
	await agent.getByLabel('État').selectOption({ label: 'Reçue' });
	await agent
		.getByLabel('Type de demande')
		.selectOption({ label: 'Être rappelé par un conseiller' });
	await agent.getByRole('button', { name: 'Filtrer' }).click();
	await expect(agent.getByRole('heading', { name: '1 demande', exact: true })).toBeVisible();
	const row = agent.getByRole('row', { name: new RegExp(reference) });
	await expect(row).toContainText('Odile Carpentier');
	await expect(row).toContainText('Reçue');
	await row.getByRole('link', { name: reference }).click();

	await expect(heading(agent)).toHaveText(`Demande ${reference}`);
	await expect(agent.getByText('Pour la téléassistance de ma mère.')).toBeVisible();
	const history = agent.getByRole('list').filter({ hasText: 'envoyée depuis sa tablette' });
	await expect(history.getByRole('listitem')).toHaveCount(1);
	await expect(history).toContainText('Reçue, le');
	await agent.getByRole('radio', { name: 'En cours' }).check();
	await agent.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(agent.getByText('État enregistré : En cours')).toBeVisible();

	// Casework, for the office only (issue 24, §2): who follows it, and a note for colleagues.
	const casework = agent.getByRole('region', { name: 'Suivi interne' });
	await expect(casework).toContainText('la personne ne les voit pas');
	await casework.getByLabel('Suivi par').selectOption({ label: AGENT.name });
	await casework.getByRole('button', { name: 'Enregistrer le suivi' }).click();
	await expect(agent.getByText('Suivi enregistré.')).toBeVisible();
	await expect(casework.getByLabel('Suivi par').locator('option:checked')).toHaveText(AGENT.name);
	await casework.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(agent.getByRole('alert')).toContainText('Écrivez la note avant de l’ajouter');
	await agent.getByRole('alert').getByRole('link').click();
	await expect(casework.getByLabel('Nouvelle note')).toBeFocused();
	await casework.getByLabel('Nouvelle note').fill('Sa fille rappelle jeudi après 14 h.');
	await casework.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(agent.getByText('Note ajoutée.')).toBeVisible();
	await expect(casework.getByRole('listitem')).toHaveText([
		new RegExp(`^${AGENT.name}, le .*Sa fille rappelle jeudi après 14 h\\.$`)
	]);
	// Printed with the case; the forms to change it are not.
	await agent.emulateMedia({ media: 'print' });
	await expect(casework.getByText('Sa fille rappelle jeudi')).toBeVisible();
	await expect(casework.getByRole('button', { name: 'Ajouter la note' })).toBeHidden();
	await expect(agent.getByRole('button', { name: 'Enregistrer', exact: true })).toBeHidden();
	await agent.emulateMedia({ media: 'screen' });

	// Closing needs a message for her; the error says so and leads to the box.
	await agent.getByRole('radio', { name: 'Traitée' }).check();
	await agent.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	const summary = agent.getByRole('alert');
	await expect(summary).toContainText('Écrivez un message pour la personne');
	await expect(agent).toHaveTitle(/^Erreur : Demande/);
	await expectNoAxeViolations(agent, 'request detail with an error');
	await summary.getByRole('link').click();
	await expect(agent.getByLabel('Message pour la personne')).toBeFocused();
	await agent
		.getByLabel('Message pour la personne')
		.fill('Une conseillère vous appellera jeudi matin.');
	await agent.getByRole('radio', { name: 'Traitée' }).check();
	await agent.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(agent.getByText('État enregistré : Traitée')).toBeVisible();
	await expect(agent.getByText('Cette demande est close : Traitée.')).toBeVisible();
	await expect(agent.getByText(`Traitée, le`)).toBeVisible();
	await expect(agent.getByText(`par ${AGENT.name}`).first()).toBeVisible();

	// Her tablet learns it at its next sync.
	await page.goto('/mes-demandes');
	const card = page.getByRole('listitem').filter({ hasText: reference });
	await expect(card).toContainText('Traitée');
	await expect(card).toContainText('Une conseillère vous appellera jeudi matin.');
	// "Relire ma demande": where it stands, and each step, newest first, with the office's words.
	await card.getByRole('link', { name: /Relire ma demande/ }).click();
	await expect(progress.getByRole('paragraph').first()).toHaveText('Traitée');
	await expect(progress).not.toContainText('Réponse en général');
	await expect(progress.getByRole('listitem')).toHaveText([
		/^Traitée,\s+le .*Message de la mairie : Une conseillère vous appellera jeudi matin\.$/,
		/^En cours,\s+le /,
		/^Reçue,\s+le /
	]);
	// The office's note is never shown to her.
	await expect(page.getByText('Sa fille rappelle')).toHaveCount(0);
	// On paper too: where it stands and each step are printed.
	await page.emulateMedia({ media: 'print' });
	await expect(progress.getByRole('paragraph').first()).toBeVisible();
	await expect(progress.getByRole('listitem').first()).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
	await agent.context().close();
});

test('administrators read the access journal; agents are told the page is not for them', async ({
	browser
}) => {
	const agent = await staffPage(browser, AGENT);
	await agent.goto('/pro/journal');
	await expect(heading(agent)).toHaveText('Page réservée');
	await expect(agent.getByRole('link', { name: 'Journal des accès' })).toHaveCount(0);
	await agent.context().close();

	const admin = await staffPage(browser, ADMIN);
	await admin.getByRole('link', { name: 'Journal des accès' }).click();
	await expect(heading(admin)).toHaveText('Journal des accès');
	const rows = admin.getByRole('row');
	await expect(rows.filter({ hasText: AGENT.name }).first()).toBeVisible();
	await expect(rows.filter({ hasText: 'a consulté la liste des demandes' }).first()).toBeVisible();
	await admin.context().close();
});

test('stored script in every free-text field comes out as plain text in the staff area', async ({
	browser,
	request,
	baseURL
}) => {
	const payload = (n: number) =>
		`<img src=x onerror="window.__xss=${n}"><script>window.__xss=${n}</script>"'><svg onload=window.__xss=${n}>`;
	const sent = await request.post('/api/v1/outbox', {
		headers: { authorization: `Device ${'x'.repeat(43)}` },
		data: {
			mutations: [
				await requestSubmission(request, 'rappel-conseiller', {
					nom: `Xavier ${payload(1)}`,
					telephone: '0612345678',
					moment: 'matin',
					question: payload(2)
				}),
				await requestSubmission(request, 'aide-numerique', {
					nom: `Xavier ${payload(3)}`,
					telephone: '0612345678',
					appareil: 'tablette',
					besoin: payload(4)
				})
			]
		}
	});
	expect((await sent.json()).results.map((r: { status: string }) => r.status)).toEqual([
		'applied',
		'applied'
	]);
	expect(baseURL).toBeTruthy();

	const agent = await staffPage(browser, AGENT);
	const dialogs: string[] = [];
	agent.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const injected = async () => ({
		xss: await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null),
		elements: await agent.locator('main img[src="x"], main svg[onload], main script').count()
	});
	await agent.getByLabel('Nom de la personne').fill('xavier');
	await agent.getByRole('button', { name: 'Filtrer' }).click();
	await expect(agent.getByRole('heading', { name: '2 demandes', exact: true })).toBeVisible();
	await expect(agent.getByRole('cell', { name: /<img src=x onerror/ }).first()).toBeVisible();
	expect(await injected()).toEqual({ xss: null, elements: 0 });

	const links = await agent.getByRole('link', { name: /^D-/ }).all();
	const addresses = await Promise.all(links.map((link) => link.getAttribute('href')));
	for (const address of addresses) {
		await agent.goto(address!);
		await expect(agent.getByText('<script>window.__xss=', { exact: false }).first()).toBeVisible();
		expect(await injected()).toEqual({ xss: null, elements: 0 });
		// The agent's own message to the senior is free text too.
		await agent.getByRole('radio', { name: 'Refusée' }).check();
		await agent.getByLabel('Message pour la personne').fill(payload(5));
		await agent.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await expect(agent.getByText('État enregistré : Refusée')).toBeVisible();
		await expect(agent.getByText('<svg onload=window.__xss=5>', { exact: false })).toBeVisible();
		expect(await injected()).toEqual({ xss: null, elements: 0 });
	}
	expect(dialogs).toEqual([]);
	await agent.context().close();
});

test('wrong passwords are answered plainly, then slowed', async ({ page }) => {
	const account: StaffAccount = {
		email: `essais-${randomUUID().slice(0, 8)}@mairie.test`,
		name: 'Compte des essais',
		role: 'agent',
		password: 'Le bon mot de passe, enfin'
	};
	createAccount(account);
	await page.goto('/pro/connexion');
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Saisissez votre adresse e-mail professionnelle'
	);
	await expect(page.getByRole('alert')).toContainText('Saisissez votre mot de passe');
	await expectNoAxeViolations(page, 'sign-in with errors');
	const alert = page.getByRole('alert');
	const waitAsked = async () => {
		const text = (await alert.textContent()) ?? '';
		return Number(/attendez (\d+) seconde/.exec(text)?.[1] ?? 0);
	};
	// Wrong tries sent one after another without waiting: after the third, each one that comes
	// too soon counts too and doubles the wait, so the wait asked soon exceeds what any machine
	// takes between two clicks (8 s). Then even the right password, sent at once, has to wait.
	// The schedule itself is unit-tested (throttle.test.ts); here, what she reads.
	test.setTimeout(120_000);
	// Each answer awaited: the alert of the try before must not be read as this one's.
	const answered = () =>
		page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/pro/connexion'
		);
	for (let tries = 1; (await waitAsked()) < 8; tries++) {
		expect(tries, 'tries before the wait asked reaches 8 s').toBeLessThanOrEqual(8);
		await page.getByLabel('Adresse e-mail professionnelle').fill(account.email);
		await page.getByLabel('Mot de passe').fill(`faux-${tries}`);
		const answer = answered();
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await answer;
		await expect(alert).toContainText(/incorrect|Trop d’essais/);
	}
	await page.getByLabel('Mot de passe').fill(account.password);
	const slowed = answered();
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await slowed;
	await expect(alert).toContainText(/Trop d’essais : attendez \d+ secondes? avant de réessayer/);
	await expect(page.getByLabel('Adresse e-mail professionnelle')).toHaveValue(account.email);
	// Waiting it out lets her in: throttle.test.ts, on the clock rather than by sleeping here.
});

test('“Se déconnecter de tous les appareils” ends the sessions on her other devices too', async ({
	browser
}) => {
	const account: StaffAccount = {
		...AGENT,
		email: `partout-${randomUUID().slice(0, 8)}@mairie.test`
	};
	createAccount(account);
	const office = await signedInPage(browser, account);
	const tablet = await signedInPage(browser, account);
	const cookie = (await office.context().cookies()).find((c) => c.name === 'portail_staff');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

	await (
		await openAccountMenu(office, account.name)
	)
		.getByRole('button', { name: 'Se déconnecter de tous les appareils' })
		.click();
	await expect(office.getByText('Vous êtes déconnecté de tous vos appareils.')).toBeVisible();
	await tablet.goto('/pro');
	await expect(heading(tablet)).toHaveText('Connexion à l’espace professionnel');
	await expect(
		tablet.getByText('Votre session a pris fin. Connectez-vous de nouveau.')
	).toBeVisible();
	await office.context().close();
	await tablet.context().close();
});

test('an administrator adds an account, gives it a new password, then switches it off', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const admin = await staffPage(browser, ADMIN);
	await admin.getByRole('link', { name: 'Comptes' }).click();
	await expect(heading(admin)).toHaveText('Comptes du personnel');
	const email = `lea.${randomUUID().slice(0, 8)}@mairie.test`;
	await admin.getByLabel('Nom affiché').fill('Léa Nouvelle');
	await admin.getByLabel('Adresse e-mail professionnelle').fill(email);
	await admin.getByLabel('Mot de passe provisoire').fill('court');
	await admin.getByRole('button', { name: 'Ajouter le compte' }).click();
	await expect(admin.getByRole('alert')).toContainText(
		'Le mot de passe doit compter 12 caractères au moins'
	);
	await expectNoAxeViolations(admin, 'accounts with an error');
	// What she typed is still there, but never the password.
	await expect(admin.getByLabel('Adresse e-mail professionnelle')).toHaveValue(email);
	await expect(admin.getByLabel('Mot de passe provisoire')).toHaveValue('');
	await admin.getByLabel('Mot de passe provisoire').fill('Les tilleuls de la place');
	await admin.getByRole('button', { name: 'Ajouter le compte' }).click();
	await expect(admin.getByText('Compte ajouté.', { exact: false })).toBeVisible();
	await expect(admin.getByRole('row', { name: new RegExp(email) })).toContainText('Actif');

	const lea: StaffAccount = {
		email,
		name: 'Léa Nouvelle',
		role: 'agent',
		password: 'Les tilleuls de la place'
	};
	const agent = await signedInPage(browser, lea);
	await expect(
		(await openAccountMenu(agent, 'Léa Nouvelle')).getByText('Léa Nouvelle, agent')
	).toBeVisible();

	// A new password ends her sessions; switched off, she cannot sign in any more.
	await admin
		.getByLabel('Compte', { exact: true })
		.selectOption({ label: `Léa Nouvelle (${email})` });
	await admin.getByLabel('Nouveau mot de passe', { exact: true }).fill('Le marché du samedi matin');
	await admin.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
	await expect(admin.getByText('Nouveau mot de passe enregistré', { exact: false })).toBeVisible();
	await agent.reload();
	await expect(heading(agent)).toHaveText('Connexion à l’espace professionnel');
	await admin.getByRole('button', { name: 'Désactiver : Léa Nouvelle' }).click();
	await expect(admin.getByText('Compte désactivé : ses sessions ont pris fin.')).toBeVisible();
	await expect(admin.getByRole('row', { name: new RegExp(email) })).toContainText('Désactivé');
	await agent.getByLabel('Adresse e-mail professionnelle').fill(email);
	await agent.getByLabel('Mot de passe').fill('Le marché du samedi matin');
	await agent.getByRole('button', { name: 'Se connecter' }).click();
	await expect(agent.getByRole('alert')).toContainText(
		'L’adresse e-mail ou le mot de passe est incorrect'
	);
	await admin.getByRole('link', { name: 'Journal des accès' }).click();
	await expect(admin.getByRole('row').filter({ hasText: 'a désactivé un compte' })).toHaveCount(1);
	await admin.context().close();
	await agent.context().close();
});

test('a request’s answers wrap between words, and its status reads as a label, not a button', async ({
	browser,
	request
}) => {
	const id = randomUUID();
	const sent = await request.post('/api/v1/outbox', {
		headers: { authorization: `Device ${'w'.repeat(43)}` },
		data: {
			mutations: [
				await requestSubmission(
					request,
					'registre-canicule',
					{
						nom: 'Marie-Antoinette Delacroix-Beaumont',
						naissance: '1938-07-02',
						telephone: '06 12 34 56 78',
						adresse: 'Résidence les Glycines, bâtiment B, appartement 12, 14 rue des Tilleuls',
						seul: 'oui',
						visite: 'oui',
						proche: '',
						accord: true
					},
					id
				)
			]
		}
	});
	expect((await sent.json()).results[0].status).toBe('applied');
	for (const viewport of TABLETS) {
		const admin = await staffPage(browser, ADMIN, { viewport });
		await admin.context().addCookies([{ name: 'display', value: '200', url: BASE_URL }]);
		await admin.goto(`/pro/demandes/${id}`);
		const answers = admin.getByRole('definition');
		await expect(answers.filter({ hasText: 'Marie-Antoinette' }).first()).toBeVisible();
		// Every word of every answer sits on one line: a word split over two lines has two boxes.
		const broken = await answers.evaluateAll((list) =>
			list.flatMap((dd) => {
				const text = dd.firstChild;
				if (!text || text.nodeType !== Node.TEXT_NODE) return [];
				// A line may end after a hyphen ("Delacroix-/Beaumont"), never inside a word.
				const words = [...(text.textContent ?? '').matchAll(/[^\s-]+/g)];
				return words
					.filter((m) => {
						const range = document.createRange();
						range.setStart(text, m.index!);
						range.setEnd(text, m.index! + m[0].length);
						return range.getClientRects().length > 1;
					})
					.map((m) => m[0]);
			})
		);
		expect(broken, `${viewport.width}px`).toEqual([]);
		const status = admin.locator('.status').first();
		await expect(status).toHaveCSS('border-top-width', '0px');
		await expect(status).toHaveCSS('border-top-left-radius', '0px');
		await admin.context().close();
	}
});

test('a first visit to the staff area asks to sign in, without saying a session ended', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto('/pro/rendez-vous');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Connexion à l’espace professionnel'
	);
	await expect(page.getByText('Votre session a pris fin')).toHaveCount(0);
	await context.close();
});
