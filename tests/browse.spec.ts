import { expect, test } from '@playwright/test';
import { TABLETS, tabletAt200 } from './helpers/pages';
import { TIME } from './helpers/booking';

test('a senior finds meal delivery through the themes and can phone the service', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveTitle(
		'Les services pour les seniors – Portail Seniors de Val-de-Lierre'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les services pour les seniors');
	const themes = page.getByRole('region', { name: 'Choisissez un sujet' }).getByRole('link');
	await expect(themes).toHaveCount(16);
	await expect(
		page.getByRole('link', { name: 'Appeler le 05 36 49 10 00' }).first()
	).toHaveAttribute('href', 'tel:+33536491000');

	await page.getByRole('link', { name: /^Repas \d+ services$/ }).click();
	const h1 = page.getByRole('heading', { level: 1 });
	await expect(h1).toHaveText('Repas');
	// Focus moves to the new page's heading, as a screen reader user would expect.
	await expect(h1).toBeFocused();
	await expect(page).toHaveTitle('Repas – Portail Seniors de Val-de-Lierre');

	await page.getByRole('link', { name: 'Portage de repas à domicile' }).click();
	await expect(h1).toHaveText('Portage de repas à domicile');
	await expect(h1).toBeFocused();
	await expect(
		page.getByText('Des repas équilibrés livrés chez vous, du lundi au samedi.')
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Pour qui ?' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Comment faire ?' })).toBeVisible();
	const contact = page.getByRole('region', { name: 'Qui contacter ?' });
	await expect(contact.getByRole('link', { name: 'Appeler le 05 36 49 10 40' })).toHaveAttribute(
		'href',
		'tel:+33536491040'
	);
	await expect(contact.getByText('Du lundi au vendredi, de 8 h à 14 h')).toBeVisible();

	await page
		.getByRole('navigation', { name: 'Vous êtes ici' })
		.getByRole('link', { name: 'Repas' })
		.click();
	await expect(h1).toHaveText('Repas');
});

test('a service page opened directly is complete before any script runs', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto('/services/registre-canicule');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Registre canicule et grand froid'
	);
	await expect(page.getByRole('link', { name: 'Appeler le 05 36 49 10 00' }).first()).toBeVisible();
	await context.close();
});

test('the skip link leads to the main content', async ({ page }) => {
	await page.goto('/themes/sante');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Aller au contenu principal' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

test('every page has one h1 and its own title', async ({ page }) => {
	const titles = new Set<string>();
	for (const path of [
		'/',
		'/themes/sante',
		'/themes/repas',
		'/services/apa',
		'/recherche',
		'/recherche?q=bus'
	]) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
		titles.add(await page.title());
	}
	expect(titles.size).toBe(6);
});

test('unknown theme, service or address get a plain 404 page with a way home', async ({ page }) => {
	for (const [path, heading] of <const>[
		['/themes/nexiste-pas', 'Ce sujet n’existe pas'],
		['/services/nexiste-pas', 'Ce service n’existe pas ou n’est plus proposé'],
		['/une/adresse/inconnue', 'Page introuvable']
	]) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await expect(page).toHaveTitle(new RegExp(`^Erreur : ${heading}`));
		await page.getByRole('link', { name: 'Revenir à l’accueil' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Les services pour les seniors'
		);
	}
});

test('the manifest makes the portal installable', async ({ request }) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({
		name: 'Portail Seniors de Val-de-Lierre',
		short_name: 'Seniors Val-de-Lierre',
		display: 'standalone',
		lang: 'fr',
		id: '/',
		start_url: '/'
	});
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	const sizes = manifest.icons.map(
		(i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`
	);
	expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.headers()['content-type']).toBe('image/png');
	}
});

test('at 200 % on a tablet, both numbers to call are on the first screen', async ({ browser }) => {
	for (const viewport of TABLETS) {
		const context = await tabletAt200(browser, viewport);
		const page = await context.newPage();
		await page.goto('/services/portage-repas-domicile');
		await expect(page.locator('html')).toHaveAttribute('data-text', '200');
		const service = page.getByRole('link', { name: /^Appeler ce service/ });
		await expect(service).toHaveAttribute('href', 'tel:+33536491040');
		const commune = page.getByRole('link', { name: 'Appeler la mairie au 05 36 49 10 00' });
		await expect(commune).toBeVisible();
		for (const link of [service, commune]) {
			const box = (await link.boundingBox())!;
			expect(box.y + box.height, `${viewport.width}px`).toBeLessThanOrEqual(viewport.height);
		}
		await context.close();
	}
});

test('at 200 % on a tablet, the first times to choose are on the first screen, the service named once above them', async ({
	browser
}) => {
	for (const viewport of TABLETS) {
		const context = await tabletAt200(browser, viewport);
		const page = await context.newPage();
		await page.goto('/rendez-vous/plateforme-repit');
		await page.getByRole('link', { name: /Entretien avec la coordinatrice/ }).click();
		await page
			.getByRole('link', { name: /horaires? libres?$/ })
			.first()
			.click();
		const heading = page.getByRole('heading', { level: 1 });
		await expect(heading).toContainText('À quelle heure ?');
		// The kind she chose is restated in the heading's caption; no breadcrumb repeats the service.
		await expect(heading).toContainText('Entretien avec la coordinatrice');
		await expect(page.getByRole('main').getByText('Plateforme de répit des aidants')).toHaveCount(
			1
		);
		const first = (await page.getByRole('link', { name: TIME }).first().boundingBox())!;
		expect(first.y + first.height, `${viewport.width}px`).toBeLessThanOrEqual(viewport.height);
		await context.close();
	}
});

test('on an upright tablet, “Mes demandes” and “Mes rendez-vous” stay in sight, outside the menu', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: TABLETS[1], locale: 'fr-FR' });
	await page.goto(`${test.info().project.use.baseURL}/`);
	const banner = page.getByRole('banner');
	await expect(banner.getByRole('button', { name: 'Menu' })).toBeVisible();
	for (const name of ['Mes demandes', 'Mes rendez-vous'])
		await expect(banner.getByRole('link', { name, exact: true })).toBeVisible();
	// Opening the menu does not list them a second time.
	await banner.getByRole('button', { name: 'Menu' }).click();
	await expect(banner.getByRole('link', { name: 'Mes informations' })).toBeVisible();
	await expect(banner.getByRole('link', { name: 'Mes demandes', exact: true })).toHaveCount(1);
	await page.close();
});

test('pages drawn on the tablet have a title and say “Chargement…” first, and without JavaScript give the number to call', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
	const page = await context.newPage();
	for (const [path, title] of <const>[
		['/mes-demandes', 'Mes demandes'],
		['/mes-rendez-vous', 'Mes rendez-vous'],
		['/mes-informations', 'Mes informations'],
		['/demandes/rappel-conseiller/etape/1', 'Faire une demande en ligne'],
		['/rendez-vous/france-services-rdv', 'Prendre rendez-vous']
	]) {
		await page.goto(path);
		await expect(page).toHaveTitle(`${title} – Portail Seniors de Val-de-Lierre`);
		await expect(page.getByText('Chargement…')).toBeVisible();
		// Playwright's text search skips <noscript>: the page's text is read as a whole.
		const text = await page.locator('body').innerText();
		expect(text).toContain('Cette page a besoin de JavaScript');
		expect(text.replace(/\s/g, ' ')).toContain('appelez-nous au 05 36 49 10 00');
	}
	await context.close();
	// With JavaScript, the page replaces it, and the title is the page's own.
	const live = await browser.newPage({ locale: 'fr-FR' });
	await live.goto(`${test.info().project.use.baseURL}/mes-demandes`);
	await expect(live.getByRole('heading', { level: 1 })).toHaveText('Mes demandes');
	await expect(live.getByText('Chargement…')).toHaveCount(0);
	await expect(live).toHaveTitle('Mes demandes – Portail Seniors de Val-de-Lierre');
	// The server's provisional title and description gave way to the page's own: one of each.
	await expect(live.locator('head meta[name="description"]')).toHaveCount(1);
	await expect(live.locator('head title')).toHaveCount(1);
	await live.close();
});

test('every public page describes itself for search engines and shared links', async ({
	request
}) => {
	const description = async (path: string) =>
		/<meta name="description" content="([^"]+)"/.exec(await (await request.get(path)).text())?.[1];
	expect(await description('/')).toContain('personnes âgées');
	expect(await description('/services/portage-repas-domicile')).toBe(
		'Des repas équilibrés livrés chez vous, du lundi au samedi.'
	);
	expect(await description('/themes/maintien-domicile')).toBeTruthy();
	for (const path of ['/recherche?q=repas', '/affichage', '/accessibilite', '/mes-demandes']) {
		expect(await description(path), path).toBeTruthy();
	}
});

test('files named by a fixed address carry their version and are kept a year; pages and the API are not', async ({
	request
}) => {
	const home = await (await request.get('/')).text();
	// The head script and the commune's colours are written into the page itself (no round trip).
	expect(home).not.toContain('/display.js');
	expect(home).not.toContain('/commune/theme.css');
	for (const file of ['/commune/logo.svg']) {
		const address = new RegExp(`${file.replace(/\./g, '\\.')}\\?v=([0-9a-f]{12})`).exec(home)?.[0];
		expect(address, file).toBeTruthy();
		const kept = await request.get(address!);
		expect(kept.status()).toBe(200);
		expect(kept.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
		// An old page asking for an older version is served, but nothing is kept for good.
		const stale = await request.get(`${file}?v=000000000000`);
		expect(stale.headers()['cache-control'] ?? '').not.toContain('immutable');
	}
	const styles = [...home.matchAll(/href="([^"]+\.css)"/g)].map((m) => m[1]!);
	const css = (
		await Promise.all(styles.map(async (href) => (await request.get(href)).text()))
	).join('');
	const font = /\/_app\/immutable\/assets\/plain-digits-400\.[\w-]+\.woff2/.exec(css)?.[0];
	expect(font).toBeTruthy();
	expect((await request.get(font!)).headers()['cache-control']).toContain('immutable');
	for (const path of ['/', '/api/v1/catalogue']) {
		expect((await request.get(path)).headers()['cache-control'] ?? '').not.toContain(
			'max-age=31536000'
		);
	}
});

test('a service page says what it costs: by income with the commune’s note, a price, or free', async ({
	page
}) => {
	const cost = page.getByRole('heading', { name: 'Combien ça coûte ?' });
	await page.goto('/services/portage-repas-domicile');
	await expect(cost).toBeVisible();
	await expect(page.getByText('Le prix dépend de vos revenus.')).toBeVisible();
	await expect(page.getByText(/De 4,10 € à 8,90 € le repas/)).toBeVisible();
	await page.goto('/services/restaurant-seniors');
	await expect(page.getByText('Prix : 6,50 € le repas')).toBeVisible();
	await page.goto('/services/registre-canicule');
	await expect(page.getByText('Ce service est gratuit.')).toBeVisible();
	// A service whose cost the commune has not given says nothing rather than guess.
	await page.goto('/services/chorale');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(cost).toHaveCount(0);
});
