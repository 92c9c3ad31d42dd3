import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations } from './helpers/axe';
import { deviceCount, deviceKeyOf } from './helpers/device';
import { test as portalTest } from './helpers/portal';
import {
	API_CONTACT,
	bookingMutation,
	fillContact,
	placeLine,
	sendFromTablet,
	TIME
} from './helpers/booking';
import { ADMIN, staffPage } from './helpers/staff';
import { signedLink } from './helpers/notices';

// The tablet over time: its service worker is part of what is tested (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** Picks the first day offered, then the first time of that day; returns the time's link text. */
async function pickFirstTime(page: Page) {
	await expect(heading(page)).toContainText('Quel jour ?');
	await page
		.getByRole('link', { name: /horaires? libres?$/ })
		.first()
		.click();
	await expect(heading(page)).toContainText('À quelle heure ?');
	const time = page.getByRole('link', { name: TIME }).first();
	const href = (await time.getAttribute('href')) ?? '';
	await time.click();
	await expect(heading(page)).toContainText('Confirmez votre rendez-vous');
	return new URL(href, 'http://x').searchParams.get('heure') ?? '';
}

test('a senior books, adds to her calendar, then cancels an appointment', async ({ page }) => {
	await page.goto('/services/rendez-vous-conseillere-sociale');
	await page.getByRole('link', { name: 'Prendre rendez-vous' }).click();
	await expect(heading(page)).toContainText('Quel rendez-vous souhaitez-vous ?');
	await expect(page.getByText('Étape 1 sur 4')).toBeVisible();
	// A kind named "Par téléphone" is not followed by "Par téléphone" again.
	await expect(page.getByRole('link', { name: /^Par téléphone/ })).not.toContainText(
		'Par téléphone ·'
	);
	await expect(page.getByRole('link', { name: /Au bureau du CCAS/ })).toContainText('Sur place ·');
	await page.getByRole('link', { name: /Au bureau du CCAS/ }).click();
	await expect(page.getByText('Étape 2 sur 4')).toBeVisible();
	// The kind she chose is restated above the question.
	await expect(heading(page)).toContainText('Au bureau du CCAS (Sur place)');
	await pickFirstTime(page);
	await expect(page.getByText('Étape 4 sur 4')).toBeVisible();
	// "Retour" goes one step back: to the times of the day chosen, then to the days.
	await page.getByRole('link', { name: 'Retour', exact: true }).click();
	await expect(heading(page)).toContainText('À quelle heure ?');
	await expect(page.getByText('Étape 3 sur 4')).toBeVisible();
	await page.getByRole('link', { name: 'Retour', exact: true }).click();
	await expect(heading(page)).toContainText('Quel jour ?');
	await pickFirstTime(page);
	await fillContact(page);
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');
	await expect(page.getByText(/^R-\w{3}-\w{3}$/)).toBeVisible();
	// How and where, in words.
	await expect(
		page.getByText(
			placeLine('Sur place :', 'CCAS de Val-de-Lierre, 2 place de la Mairie, 87990 Val-de-Lierre')
		)
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Imprimer' })).toBeVisible();

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Ajouter à mon agenda' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('rendez-vous.ics');
	const ics = readFileSync((await file.path())!, 'utf8');
	expect(ics).toContain('BEGIN:VEVENT');
	expect(ics).toContain('SUMMARY:Rencontrer une conseillère sociale du CCAS');
	// Lines of an .ics are folded at 75 octets and commas escaped: unfold before reading.
	const unfolded = ics.replace(/\r?\n[ \t]/g, '');
	expect(unfolded).toContain(
		'LOCATION:CCAS de Val-de-Lierre\\, 2 place de la Mairie\\, 87990 Val-de-Lierre'
	);
	expect(unfolded).toMatch(/DESCRIPTION:.*Une question \? Appelez le 05 36 49 10 00/);

	await page.getByRole('link', { name: 'Voir mes rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Mes rendez-vous');
	await expect(
		page.getByText(
			placeLine('Sur place :', 'CCAS de Val-de-Lierre, 2 place de la Mairie, 87990 Val-de-Lierre')
		)
	).toBeVisible();
	const first = await page.locator('.when').first().textContent();

	await page.getByRole('link', { name: /Changer l’horaire/ }).click();
	await expect(heading(page)).toContainText('Quel jour ?');
	await page
		.getByRole('link', { name: /horaires? libres?$/ })
		.last()
		.click();
	await page.getByRole('link', { name: TIME }).last().click();
	// Before and after, side by side.
	const summary = page.locator('dl.summary');
	await expect(summary.getByText('Ancien horaire')).toBeVisible();
	await expect(summary.getByText(first!.trim(), { exact: true })).toBeVisible();
	await expect(summary.getByText('Nouvel horaire')).toBeVisible();
	await page.getByRole('button', { name: 'Confirmer le changement' }).click();
	await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');
	await page.getByRole('link', { name: 'Voir mes rendez-vous' }).click();
	await expect(page.locator('.when').first()).not.toHaveText(first ?? '');
	await page.getByRole('button', { name: /Annuler ce rendez-vous/ }).click();
	await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click();
	await expect(page.getByText('Annulé', { exact: true })).toBeVisible();
	await expect(
		page.getByText('Vous n’avez pas de rendez-vous pris depuis cet appareil.')
	).toBeVisible();
});

portalTest(
	'booked offline, the slot taken meanwhile: she is told plainly and books the nearest free time',
	async ({ portal, request }) => {
		const { page, context, server } = portal;
		await page.goto('/');
		// The sync keeps the next 14 days of every bookable service's slots on the device.
		await expect.poll(() => deviceCount(page, 'slots'), { timeout: 20_000 }).toBe(4);
		await portal.visitThenGoOffline();

		await page.goto('/rendez-vous/plateforme-repit');
		await expect(
			page.getByText(/ces horaires sont ceux enregistrés sur cet appareil/)
		).toBeVisible();
		await page.getByRole('link', { name: /Entretien avec la coordinatrice/ }).click();
		const start = await pickFirstTime(page);
		await fillContact(page);
		await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
		await expect(heading(page)).toHaveText('Votre rendez-vous est en attente d’envoi');

		// Her list, offline: the waiting booking is among what is coming, marked, not "none".
		await page.goto('/mes-rendez-vous');
		const coming = page.getByRole('main').getByRole('listitem');
		await expect(coming).toHaveCount(1);
		await expect(coming).toContainText('En attente d’envoi');
		await expect(coming).toContainText('Plateforme');
		await expect(page.getByText('Vous n’avez pas de rendez-vous')).toHaveCount(0);
		await coming.getByRole('link', { name: /Voir ce rendez-vous/ }).click();
		await expect(heading(page)).toHaveText('Votre rendez-vous est en attente d’envoi');

		// Meanwhile someone else, online, takes that very slot (capacity 1).
		await server.start();
		const other = await request.post(`${server.url}/api/v1/outbox`, {
			headers: { authorization: `Device ${randomBytes(32).toString('base64url')}` },
			data: {
				mutations: [
					{
						id: randomUUID(),
						type: 'appointment.book',
						payload: {
							serviceId: 'plateforme-repit',
							appointmentTypeId: 'repit-entretien',
							start,
							contact: API_CONTACT
						},
						createdAt: new Date().toISOString()
					}
				]
			}
		});
		expect((await other.json()).results[0].status).toBe('applied');

		await context.setOffline(false);
		await expect(heading(page)).toHaveText('Ce créneau n’a pas pu être réservé', {
			timeout: 20_000
		});
		const alternatives = page.getByRole('main').getByRole('listitem').getByRole('button');
		expect(await alternatives.count()).toBeGreaterThan(0);
		await alternatives.first().click();
		await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');
	}
);

/** Her tablet on the booking page of the digital help service: its device key and free slots. */
async function openBooking(page: Page, request: APIRequestContext) {
	await page.goto('/rendez-vous/aide-numerique-individuelle');
	await expect(heading(page)).toContainText('Quel jour ?');
	const key = await deviceKeyOf(page);
	const answer = await request.get('/api/v1/slots?serviceId=aide-numerique-individuelle');
	const { slots } = (await answer.json()) as {
		slots: { appointmentTypeId: string; start: string }[];
	};
	return { key, slots };
}

/**
 * Two appointments of the digital help service taken from her tablet's key through the API, on
 * two days (each day keeps a share of its places for the office). Other files' tests book this
 * service at the same time: a time one of them took is passed over, never counted as hers.
 */
async function bookTwoAhead(page: Page, request: APIRequestContext) {
	const { key, slots } = await openBooking(page, request);
	const lastOfEachDay = [...new Map(slots.map((slot) => [slot.start.slice(0, 10), slot])).values()];
	let applied = 0;
	for (const slot of lastOfEachDay.reverse()) {
		const answer = await request.post('/api/v1/outbox', {
			headers: { authorization: `Device ${key}` },
			data: {
				mutations: [
					{
						id: randomUUID(),
						type: 'appointment.book',
						createdAt: new Date().toISOString(),
						payload: {
							serviceId: 'aide-numerique-individuelle',
							appointmentTypeId: slot.appointmentTypeId,
							start: slot.start,
							contact: API_CONTACT
						}
					}
				]
			}
		});
		const [result] = (await answer.json()).results as { status: string }[];
		if (result?.status === 'applied' && ++applied === 2) return;
	}
	throw new Error('no two free days for the digital help service');
}

test('a third upcoming booking of one service from one tablet is refused in plain words, with the number to call', async ({
	page,
	request
}) => {
	// Two appointments already taken from this tablet (its own key, through the API).
	await bookTwoAhead(page, request);
	await pickFirstTime(page);
	await fillContact(page);
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Ce créneau n’a pas pu être réservé');
	await expect(
		page.getByText(
			'Vous avez déjà des rendez-vous à venir pour ce service. Pour en prendre un autre, appelez la mairie au 05 36 49 10 00.'
		)
	).toBeVisible();
	await expectNoAxeViolations(page, 'booking refused over the quota');

	// In her list, with why and what she can do, until she removes it.
	await page.goto('/mes-rendez-vous');
	const refused = page.getByRole('region', { name: 'Rendez-vous non réservés' });
	await expect(refused.getByRole('listitem')).toHaveCount(1);
	await expect(refused).toContainText('Vous avez déjà des rendez-vous à venir pour ce service.');
	await expect(refused.getByRole('link', { name: /Voir ce que je peux faire/ })).toBeVisible();
	// Seen: the banner goes here (once the tablet has noted it), and no page asks her again.
	await expect(page.getByText(/à revoir/)).toHaveCount(0);
	await page.goto('/');
	await expect(page.getByText(/à revoir/)).toHaveCount(0);
	await page.goto('/mes-rendez-vous');
	await refused.getByRole('button', { name: /Retirer de la liste/ }).click();
	await expect(refused).toHaveCount(0);
});

test('a refusal that came while she was elsewhere asks her to review it until she has seen it', async ({
	page,
	request
}) => {
	await bookTwoAhead(page, request);
	// Her booking waits on the tablet (the town hall cannot be reached) while she goes home.
	await page.route('**/api/v1/outbox', (route) => route.abort('internetdisconnected'));
	await pickFirstTime(page);
	await fillContact(page);
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Votre rendez-vous est en attente d’envoi');
	await page.goto('/');
	await page.unrouteAll();
	await page.reload();
	const banner = page.getByText('1 rendez-vous à revoir');
	await expect(banner).toBeVisible({ timeout: 20_000 });
	await page.getByRole('link', { name: 'Voir mes rendez-vous' }).first().click();
	await expect(page.getByRole('region', { name: 'Rendez-vous non réservés' })).toBeVisible();
	// Seen on her list: the banner goes there first (the tablet notes it), then from every page.
	await expect(page.getByText(/à revoir/)).toHaveCount(0);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByText(/à revoir/)).toHaveCount(0);
});

test('a booking and its cancellation queued together reach the server in that order when the first send fails', async ({
	page,
	request
}) => {
	const { key, slots } = await openBooking(page, request);
	const slot = slots.at(-3)!;
	// The first send is lost on the way; every later one goes through.
	let sends = 0;
	await page.route('**/api/v1/outbox', async (route) => {
		if (sends++ === 0) await route.abort('failed');
		else await route.continue();
	});
	// Both written to the tablet's outbox as the app writes them (a booking, then its cancellation,
	// made while the connection was down), then the connection comes back.
	const bookingId = randomUUID();
	await page.evaluate(
		({ bookingId, slot }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('portail-seniors');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('outbox', 'readwrite');
					const item = (id: string, type: string, payload: unknown, at: number) => ({
						id,
						type,
						payload,
						createdAt: new Date(at).toISOString(),
						attempts: 0,
						nextAttemptAt: 0,
						status: 'pending',
						label: 'Aide numérique'
					});
					const now = Date.now();
					tx.objectStore('outbox').put(
						item(
							bookingId,
							'appointment.book',
							{
								serviceId: 'aide-numerique-individuelle',
								appointmentTypeId: slot.appointmentTypeId,
								start: slot.start,
								contact: { name: 'Paul Girard', phone: '06 11 22 33 44' }
							},
							now
						)
					);
					tx.objectStore('outbox').put(
						item(crypto.randomUUID(), 'appointment.cancel', { appointmentId: bookingId }, now + 1)
					);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ bookingId, slot }
	);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect
		.poll(
			async () => {
				const records = await (
					await request.get('/api/v1/requests', { headers: { authorization: `Device ${key}` } })
				).json();
				return records.appointments.find((a: { id: string }) => a.id === bookingId)?.status;
			},
			{ timeout: 30_000 }
		)
		.toBe('cancelled');
	expect(sends).toBeGreaterThanOrEqual(2);
});

test('“Choisir une autre heure” is a secondary button well apart from the confirmation', async ({
	page
}) => {
	await page.goto('/rendez-vous/plateforme-repit');
	await page.getByRole('link', { name: /Entretien avec la coordinatrice/ }).click();
	await pickFirstTime(page);
	for (const size of [
		{ width: 1024, height: 768 },
		{ width: 768, height: 1024 }
	]) {
		await page.setViewportSize(size);
		const confirm = (await page
			.getByRole('button', { name: 'Confirmer le rendez-vous' })
			.boundingBox())!;
		const other = (await page
			.getByRole('link', { name: 'Choisir une autre heure' })
			.boundingBox())!;
		expect(other.height).toBeGreaterThanOrEqual(48);
		// Side by side or one under the other: at least 24 px of nothing between them.
		const apart = Math.max(
			other.x - (confirm.x + confirm.width),
			confirm.x - (other.x + other.width),
			other.y - (confirm.y + confirm.height),
			confirm.y - (other.y + other.height)
		);
		expect(apart).toBeGreaterThanOrEqual(24);
	}
	await page.getByRole('link', { name: 'Choisir une autre heure' }).click();
	await expect(heading(page)).toContainText('À quelle heure ?');
});

test('the confirm step asks who she is, keeps what she typed, and saves it to “Mes informations” only if she agrees', async ({
	page,
	request,
	browser
}) => {
	await page.goto('/rendez-vous/rendez-vous-conseillere-sociale');
	await page.getByRole('link', { name: /Visite chez vous/ }).click();
	const start = await pickFirstTime(page);
	await expect(page.getByText('Chez vous', { exact: true })).toBeVisible();

	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Votre nom et prénom');
	await expect(summary).toContainText('Votre numéro de téléphone');
	await expect(summary).toContainText('Votre adresse');
	await expect(summary).not.toContainText('e-mail');
	await expect(page).toHaveTitle(/^Erreur/);

	await fillContact(page, {
		phone: '06 12 34 56 7',
		address: '12 rue des Tilleuls, 87990 Val-de-Lierre'
	});
	await page.reload();
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Berthe Lucas');
	await expect(page.getByLabel('Votre adresse', { exact: true })).toHaveValue(
		'12 rue des Tilleuls, 87990 Val-de-Lierre'
	);
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(page.getByRole('alert').getByRole('listitem')).toHaveCount(1);
	await expect(page.getByRole('alert')).toContainText('10 chiffres');

	await page.getByLabel('Votre numéro de téléphone').fill('06 12 34 56 78');
	await page.getByRole('checkbox', { name: /Enregistrer ces coordonnées/ }).check();
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');
	await expect(
		page.getByText(placeLine('Chez vous :', '12 rue des Tilleuls, 87990 Val-de-Lierre'))
	).toBeVisible();

	// The town hall has it with the booking, and her tablet kept it for next time.
	const key = await deviceKeyOf(page);
	const own = await (
		await request.get('/api/v1/requests', { headers: { authorization: `Device ${key}` } })
	).json();
	expect(own.appointments[0]).toMatchObject({
		mode: 'home_visit',
		contact: {
			name: 'Berthe Lucas',
			phone: '06 12 34 56 78',
			address: '12 rue des Tilleuls, 87990 Val-de-Lierre'
		}
	});
	await page.goto('/mes-informations');
	await expect(page.getByLabel('Votre nom et prénom')).toHaveValue('Berthe Lucas');

	// The office's day list says where to go.
	const agent = await staffPage(browser, ADMIN);
	await agent.goto(`/pro/rendez-vous?jour=${start.slice(0, 10)}`);
	const visit = agent
		.getByRole('region', { name: 'Rencontrer une conseillère sociale du CCAS' })
		.getByRole('row')
		.filter({ hasText: 'Adresse : 12 rue des Tilleuls, 87990 Val-de-Lierre' });
	await expect(visit).toContainText('À domicile');
	await expect(visit).toContainText('06 12 34 56 78');
	await agent.close();

	// A phone appointment: prefilled, nothing to tick, and the number that will ring is said.
	await page.goto('/rendez-vous/rendez-vous-conseillere-sociale?type=ccas-telephone');
	await pickFirstTime(page);
	await expect(page.getByLabel('Votre numéro de téléphone')).toHaveValue('06 12 34 56 78');
	await expect(page.getByRole('checkbox', { name: /Enregistrer ces coordonnées/ })).toHaveCount(0);
	await expect(
		page.getByText(placeLine('Par téléphone : nous vous appelons au', '06 12 34 56 78'))
	).toBeVisible();
});

test('typing her e-mail ticks “Par e-mail”; the confirmation says what will come, where, when, and what to bring', async ({
	page
}) => {
	await page.goto('/rendez-vous/rendez-vous-conseillere-sociale');
	await page.getByRole('link', { name: /Au bureau du CCAS/ }).click();
	await pickFirstTime(page);
	await fillContact(page);
	const byEmail = page.getByRole('checkbox', { name: 'Par e-mail' });
	await expect(byEmail).not.toBeChecked();
	await page.getByLabel('Votre adresse e-mail', { exact: false }).fill('berthe.lucas@exemple.fr');
	await expect(byEmail).toBeChecked();
	// Once she chose herself, her choice stands whatever she types.
	await byEmail.uncheck();
	await page.getByLabel('Votre adresse e-mail', { exact: false }).fill('berthe.lucas@exemple.org');
	await expect(byEmail).not.toBeChecked();
	await byEmail.check();
	await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
	await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');

	const next = page.getByRole('region', { name: 'Ce qui va se passer' });
	await expect(next).toContainText(
		'Vous recevrez une confirmation, puis un rappel deux jours avant :'
	);
	await expect(next.getByRole('listitem')).toHaveText(['par e-mail, à berthe.lucas@exemple.org']);
	await expect(next).toContainText('À apporter : Apportez, si vous les avez,');
	await expectNoAxeViolations(page, 'confirmation, what comes next');
});

test('a phone appointment asks whether she will be available, on her tablet and in her link', async ({
	page
}) => {
	await page.goto('/mes-rendez-vous');
	// Synced once: her tablet has its key and the town hall knows it.
	await expect(page.getByText(/Informations mises à jour le/)).toBeVisible();
	const phoneCall = { serviceId: 'rendez-vous-conseillere-sociale', typeId: 'ccas-telephone' };
	await signedLink(page, 'choose', { ...phoneCall, key: await deviceKeyOf(page) });
	await page.reload();
	const answer = page.getByRole('group', { name: /Serez-vous disponible pour cet appel/ });
	await expect(answer.getByRole('button')).toHaveText([
		'Je serai disponible',
		'Je ne serai pas disponible',
		'Rappelez-moi'
	]);

	await page.goto(await signedLink(page, 'choose', phoneCall));
	await expect(heading(page)).toHaveText('Votre rendez-vous');
	await page.getByRole('button', { name: 'Oui, je serai disponible' }).click();
	await expect(page.getByText('nous vous appellerons à l’heure prévue').first()).toBeVisible();
});

test('two of her appointments at the same time are both marked in “Mes rendez-vous”', async ({
	page
}) => {
	await page.goto('/mes-rendez-vous');
	await expect(page.getByText(/Informations mises à jour le/)).toBeVisible();
	const key = await deviceKeyOf(page);
	const slotsOf = async (serviceId: string) =>
		(
			(await (await page.request.get(`/api/v1/slots?serviceId=${serviceId}`)).json()) as {
				slots: { appointmentTypeId: string; start: string }[];
			}
		).slots;
	const [help, desk] = await Promise.all([
		slotsOf('aide-numerique-individuelle'),
		slotsOf('france-services-rdv')
	]);
	// Late in the fortnight (other tests take the first places), half an hour apart at most.
	const pair = help
		.slice(Math.floor(help.length / 2))
		.flatMap((a) =>
			desk
				.filter((b) => Math.abs(Date.parse(a.start) - Date.parse(b.start)) <= 30 * 60_000)
				.map((b) => [a, b] as const)
		)
		.at(-1)!;
	const results = await sendFromTablet(
		page.request,
		[
			bookingMutation('aide-numerique-individuelle', pair[0]),
			bookingMutation('france-services-rdv', pair[1])
		],
		key
	);
	expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
	await page.reload();
	await expect(page.getByText(/a lieu en même temps qu’un autre de vos rendez-vous/)).toHaveCount(
		2
	);
});
