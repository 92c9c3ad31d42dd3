import { expect, type Page } from '@playwright/test';
import { bookingMutation, fillContact, sendFromTablet, TIME } from './booking';
import { HOUSING_HOUSEHOLD, withRefusedAnswer } from './forms';
import { HOUSING_ALONE } from '../support/housing';
import sharp from 'sharp';
import { putDraft } from './device';
import { registeredHousing, requestWithThread } from './messages';
import { signedLink } from './notices';
import type { Words } from './locale';

export interface AuditedState {
	/** In French: these names are published in the accessibility statement. */
	name: string;
	path: string;
	/** Brings the page into the state from `path`, in the page's language. */
	setup?: (page: Page, t: Words) => Promise<void>;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function fillCallback(page: Page, t: Words) {
	await page.getByLabel(t.catalogue('Votre nom et prénom')).fill('Jeanne Martin');
	await page.getByLabel(t.catalogue('Votre numéro de téléphone')).fill('06 12 34 56 78');
	await page.getByRole('button', { name: t('forms.continue') }).click();
	await page.getByRole('radio', { name: t.catalogue('Le matin') }).check();
	await page.getByRole('button', { name: t('forms.continue') }).click();
	await expect(heading(page)).toContainText(t('forms.checkTitle'));
}

/** Fills the callback request and sends it; `title` is the key of the page she should land on. */
async function sendCallback(page: Page, t: Words, title?: string) {
	await fillCallback(page, t);
	await page.getByRole('button', { name: t('forms.send') }).click();
	if (title) await expect(heading(page)).toHaveText(t(title));
}

async function toTimeStep(page: Page) {
	const time = page.getByRole('link', { name: TIME }).first();
	// A click that lands while the day list is drawn again (the device's slots just refreshed) can
	// be lost (seen once in CI, in Arabic): the day is chosen again until its times show.
	await expect(async () => {
		if (!(await time.isVisible())) {
			await page.getByRole('main').getByRole('link').filter({ hasText: /\d/ }).first().click();
		}
		await expect(time).toBeVisible({ timeout: 5_000 });
	}).toPass({ timeout: 30_000 });
}

async function toBookingConfirm(page: Page, t: Words) {
	await toTimeStep(page);
	await page.getByRole('link', { name: TIME }).first().click();
	await expect(page.getByRole('button', { name: t('booking.confirm') })).toBeVisible();
}

/** Confirms with her details typed in the page's language. */
async function confirmBooking(page: Page, t: Words) {
	await fillContact(page, { t });
	await page.getByRole('button', { name: t('booking.confirm') }).click();
}

async function book(page: Page, t: Words) {
	await toBookingConfirm(page, t);
	await confirmBooking(page, t);
	await expect(heading(page)).toHaveText(t('booking.bookedTitle'));
}

/** The outbox cannot reach the server: what she sends waits on the device. */
/** A small photo, as a tablet's camera gives one: made once, given to the file box each time. */
let photo: Buffer | undefined;

/** Adds `count` photo pages to the document question on screen, as she would choose them. */
async function addPages(page: Page, t: Words, count: number) {
	photo ??= await sharp({
		create: { width: 600, height: 800, channels: 3, background: '#f1ece0' }
	})
		.jpeg()
		.toBuffer();
	for (let n = 1; n <= count; n++) {
		await page
			.locator('input[type="file"]:not([capture])')
			.setInputFiles({ name: `page-${n}.jpg`, mimeType: 'image/jpeg', buffer: photo });
		const added = t('forms.documents.added').replace('{{n}}', String(n));
		await expect(page.getByRole('status').filter({ hasText: added })).toBeVisible();
	}
}

/** Her housing application, all answered, at the step where her tax notice is asked. */
async function atTaxNotice(page: Page) {
	await expect(heading(page)).toBeVisible();
	await putDraft(page, { formId: 'logement-social', answers: HOUSING_ALONE, step: 14 });
	await page.goto('/demandes/logement-social/etape/14');
}

async function withoutOutbox(page: Page) {
	await page.route('**/api/v1/outbox', (route) => route.abort('internetdisconnected'));
}

/**
 * Someone on another tablet books this very time (its capacity is 1) before she confirms. The
 * same state in another language, audited beside it, may have taken it first: taken either way.
 */
async function takenMeanwhile(page: Page, start: string) {
	const [result] = await sendFromTablet(page.request, [
		bookingMutation('plateforme-repit', { appointmentTypeId: 'repit-entretien', start })
	]);
	expect(['applied', 'conflict']).toContain(result!.status);
}

/** Every page and state of the portal, each audited in every language and display combination. */
export const STATES: AuditedState[] = [
	{ name: 'Accueil', path: '/' },
	{ name: 'Sujet', path: '/themes/maintien-domicile' },
	{ name: 'Service', path: '/services/teleassistance-domicile' },
	{ name: 'Recherche avec résultats', path: '/recherche?q=repas' },
	{ name: 'Recherche sans résultat', path: '/recherche?q=xylophone' },
	{ name: 'Recherche sans mot', path: '/recherche' },
	{ name: 'Début d’une demande', path: '/demandes/registre-canicule' },
	{ name: 'Étape de demande avec des choix', path: '/demandes/registre-canicule/etape/3' },
	{ name: 'Étape de demande avec une date', path: '/demandes/portage-repas/etape/3' },
	{
		// Her answer brings two questions onto the page: the number and what changed.
		name: 'Étape de demande qui s’adapte : un changement de situation',
		path: '/demandes/logement-social/etape/1',
		setup: async (page, t) => {
			await page
				.getByRole('radio', { name: t.catalogue('Un changement sur ma demande en cours') })
				.check();
			await page
				.getByRole('checkbox', { name: t.catalogue('Les personnes qui vivront avec moi') })
				.check();
			await expect(
				page.getByLabel(t.catalogue('Numéro unique de demande de logement social'))
			).toBeVisible();
		}
	},
	{
		name: 'Étape de demande avec des erreurs',
		path: '/demandes/rappel-conseiller/etape/1',
		setup: async (page, t) => {
			await page.getByRole('button', { name: t('forms.continue') }).click();
			await expect(page.getByRole('alert')).toBeFocused();
		}
	},
	{
		// Her household: one person complete, one to complete (told so), about to be removed.
		name: 'Demande avec les personnes du foyer, une à compléter',
		path: '/demandes/logement-social',
		setup: async (page, t) => {
			await expect(heading(page)).toBeVisible();
			await putDraft(page, { formId: 'logement-social', answers: HOUSING_HOUSEHOLD, step: 5 });
			await page.goto('/demandes/logement-social/etape/5');
			await page.getByRole('button', { name: t('forms.continue') }).click();
			await expect(page.getByRole('alert')).toBeFocused();
			await page
				.getByRole('button', { name: new RegExp(t('forms.block.remove')) })
				.last()
				.click();
			await expect(page.getByRole('button', { name: t('forms.block.removeYes') })).toBeVisible();
		}
	},
	{
		name: 'Une personne du foyer, ses questions',
		path: '/demandes/logement-social',
		setup: async (page) => {
			await expect(heading(page)).toBeVisible();
			await putDraft(page, { formId: 'logement-social', answers: HOUSING_HOUSEHOLD, step: 5 });
			await page.goto('/demandes/logement-social/etape/5/2');
			await expect(page.getByRole('textbox').first()).toBeVisible();
		}
	},
	{
		// Two pages of her tax notice, each shown large with "Reprendre" and "Retirer".
		name: 'Étape de demande avec un document de deux pages',
		path: '/demandes/logement-social',
		setup: async (page, t) => {
			await atTaxNotice(page);
			await addPages(page, t, 2);
		}
	},
	{
		name: 'Vérification des réponses',
		path: '/demandes/rappel-conseiller/etape/1',
		setup: fillCallback
	},
	{
		// The page she comes back to from "Mes demandes" to re-read what she sent, too.
		name: 'Demande envoyée, ses réponses à relire',
		path: '/demandes/rappel-conseiller/etape/1',
		setup: async (page, t) => {
			await sendCallback(page, t, 'forms.sentTitle');
			await expect(page.getByRole('heading', { name: t('forms.yourAnswers') })).toBeVisible();
		}
	},
	{
		name: 'Demande en attente d’envoi',
		path: '/demandes/rappel-conseiller/etape/1',
		setup: async (page, t) => {
			await withoutOutbox(page);
			await sendCallback(page, t, 'forms.pendingTitle');
		}
	},
	{
		name: 'Demande refusée par la mairie',
		path: '/demandes/rappel-conseiller/etape/1',
		setup: async (page, t) => {
			await withRefusedAnswer(page);
			await sendCallback(page, t, 'forms.rejectedTitle');
			// She is told which answer to correct, by its question.
			await expect(
				page
					.getByRole('main')
					.getByRole('listitem')
					.filter({ hasText: t.catalogue('Votre numéro de téléphone') })
			).toBeVisible();
		}
	},
	{ name: 'Mes demandes, vide', path: '/mes-demandes' },
	{
		name: 'Mes demandes, un envoi en attente',
		path: '/demandes/rappel-conseiller/etape/1',
		setup: async (page, t) => {
			await withoutOutbox(page);
			// Its page first: a click landing while the page is being replaced is lost (seen once).
			await sendCallback(page, t, 'forms.pendingTitle');
			await page.getByRole('link', { name: t('forms.myRequests') }).click();
			await expect(
				page.getByRole('heading', { name: t('myRequests.pendingHeading') })
			).toBeVisible();
		}
	},
	{
		// Sent with no connection: her page waits on the tablet, and "Mes demandes" says so.
		name: 'Mes demandes, des documents sur la tablette',
		path: '/demandes/logement-social',
		setup: async (page, t) => {
			await withoutOutbox(page);
			await page.route('**/api/v1/pages**', (route) => route.abort('internetdisconnected'));
			await atTaxNotice(page);
			await addPages(page, t, 1);
			await page.goto('/demandes/logement-social/verifier');
			await page.getByRole('button', { name: t('forms.send') }).click();
			await expect(heading(page)).toHaveText(t('forms.pendingTitle'));
			await page.getByRole('link', { name: t('forms.myRequests') }).click();
			await expect(page.getByText(t('myRequests.documents.onTablet'))).toBeVisible();
		}
	},
	{
		// The office asked for a document after her message: both sides, and her answer to write.
		name: 'Messages avec la mairie, un document demandé',
		path: '/mes-demandes',
		setup: async (page, t) => {
			const { reference } = await requestWithThread(page);
			await page.reload();
			await page
				.getByRole('link', { name: new RegExp(`${t('messages.open')} : ${reference}`) })
				.click();
			await expect(page.getByRole('heading', { name: t('messages.answerTitle') })).toBeVisible();
		}
	},
	{
		// Her housing application registered by the office: its number, and a change to report.
		name: 'Mes demandes, une demande de logement enregistrée',
		path: '/mes-demandes',
		setup: async (page, t) => {
			await registeredHousing(page, t.catalogue('Demande de logement social'));
			await page.reload();
			await expect(page.getByRole('button', { name: t('myRequests.reportChange') })).toBeVisible();
		}
	},
	{ name: 'Mes informations', path: '/mes-informations' },
	{
		// Read and printed in plain words: her request as the town hall holds it.
		name: 'Mes données, à lire',
		path: '/demandes/rappel-conseiller/etape/1',
		setup: async (page, t) => {
			await sendCallback(page, t, 'forms.sentTitle');
			await page.goto('/mes-informations/mes-donnees');
			await expect(page.getByRole('heading', { name: t('myData.requests') })).toBeVisible();
		}
	},
	{
		name: 'Mes informations avec une erreur',
		path: '/mes-informations',
		setup: async (page, t) => {
			await page.getByLabel(t('profile.phone')).fill('12');
			await page.getByRole('button', { name: t('profile.save') }).click();
			await expect(page.getByRole('alert')).toBeVisible();
		}
	},
	{ name: 'Rendez-vous : type', path: '/rendez-vous/rendez-vous-conseillere-sociale' },
	{ name: 'Rendez-vous : jour', path: '/rendez-vous/aide-numerique-individuelle' },
	{ name: 'Rendez-vous : heure', path: '/rendez-vous/france-services-rdv', setup: toTimeStep },
	{
		name: 'Rendez-vous : à confirmer',
		path: '/rendez-vous/france-services-rdv',
		setup: toBookingConfirm
	},
	{
		name: 'Rendez-vous : coordonnées manquantes',
		path: '/rendez-vous/rendez-vous-conseillere-sociale?type=ccas-domicile',
		setup: async (page, t) => {
			await toBookingConfirm(page, t);
			await page.getByRole('button', { name: t('booking.confirm') }).click();
			await expect(page.getByRole('alert')).toContainText(t('booking.contact.address'));
		}
	},
	{ name: 'Rendez-vous confirmé', path: '/rendez-vous/france-services-rdv', setup: book },
	{
		name: 'Rendez-vous en attente d’envoi',
		path: '/rendez-vous/france-services-rdv',
		setup: async (page, t) => {
			await withoutOutbox(page);
			await toBookingConfirm(page, t);
			await confirmBooking(page, t);
			await expect(heading(page)).toHaveText(t('booking.pendingTitle'));
		}
	},
	{
		name: 'Rendez-vous : créneau pris entre-temps',
		path: '/rendez-vous/plateforme-repit',
		setup: async (page, t) => {
			await page
				.getByRole('link', { name: new RegExp(t.catalogue('Entretien avec la coordinatrice')) })
				.click();
			await toTimeStep(page);
			const time = page.getByRole('link', { name: TIME }).first();
			const start = new URL((await time.getAttribute('href'))!, 'http://x').searchParams.get(
				'heure'
			);
			await time.click();
			await takenMeanwhile(page, start!);
			await confirmBooking(page, t);
			await expect(heading(page)).toHaveText(t('booking.conflictTitle'));
		}
	},
	{
		name: 'Mes rendez-vous, un rendez-vous pris',
		path: '/rendez-vous/france-services-rdv',
		setup: async (page, t) => {
			await book(page, t);
			await page.getByRole('link', { name: t('booking.myAppointments') }).click();
			await expect(page.getByRole('heading', { name: t('booking.upcoming') })).toBeVisible();
		}
	},
	{ name: 'Mes rendez-vous, vide', path: '/mes-rendez-vous' },
	{
		name: 'Réponse à un rappel : les trois réponses',
		path: '/',
		setup: async (page) => {
			await page.goto(await signedLink(page, 'choose'));
			await expect(page.getByRole('button')).toHaveCount(3);
		}
	},
	{
		name: 'Réponse à un rappel : enregistrée',
		path: '/',
		setup: async (page, t) => {
			await page.goto(await signedLink(page, 'callback'));
			await page.getByRole('button', { name: t('answerPage.button.callback') }).click();
			await expect(page.getByText(t('answerPage.done.callback'))).toBeVisible();
		}
	},
	{
		name: 'Ne plus recevoir de messages',
		path: '/',
		setup: async (page, t) => {
			await page.goto(await signedLink(page, 'stopAppointment'));
			await expect(heading(page)).toHaveText(t('answerPage.title.stop'));
		}
	},
	{ name: 'Lien de réponse invalide', path: '/r/lien-incomplet' },
	{ name: 'Affichage', path: '/affichage' },
	{ name: 'Déclaration d’accessibilité', path: '/accessibilite' },
	{ name: 'Sujet inconnu', path: '/themes/nexiste-pas' },
	{ name: 'Adresse inconnue', path: '/nulle/part' }
];

/** Pages rendered from the device with the server gone (tests/a11y.spec.ts). */
export const OFFLINE_STATES = [
	{ name: 'Hors ligne : accueil', path: '/' },
	{ name: 'Hors ligne : service', path: '/services/portage-repas-domicile' }
];

export const AUDITED_STATES = STATES.length + OFFLINE_STATES.length;

export const KEYBOARD_JOURNEYS = [
	'Trouver un service',
	'Envoyer une demande',
	'Prendre un rendez-vous'
] as const;
