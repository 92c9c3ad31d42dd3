import { type Page } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { bookingMutation, sendFromTablet } from './helpers/booking';
import { auditState } from './helpers/audit';
import { requestSubmission, sentPage } from './helpers/senior-api';
import { HOUSING_ALONE } from './support/housing';
import sharp from 'sharp';
import { ADMIN, signedInState } from './helpers/staff';
import { deskForm, officeWrites } from './helpers/messages';
import { expect, test } from './helpers/warm';

// The staff area with the French checks (French only: it is the commune's working
// language). Public agents are covered by the RGAA too, and some have poor sight themselves.

interface StaffState {
	name: string;
	path: (requestId: string) => string;
	setup?: (page: Page) => Promise<void>;
}

const STAFF_STATES: StaffState[] = [
	{ name: 'Espace pro : demandes', path: () => '/pro' },
	{
		name: 'Espace pro : demandes filtrées sans résultat',
		path: () => '/pro?nom=personne-inconnue&du=2020-13-40'
	},
	{ name: 'Espace pro : une demande', path: (id) => `/pro/demandes/${id}` },
	{
		name: 'Espace pro : une demande avec ses documents, ses messages et son numéro unique',
		path: () => `/pro/demandes/${withPages.requestId}`
	},
	{
		name: 'Espace pro : une page d’un document, agrandie et tournée',
		path: () => `/pro/demandes/${withPages.requestId}/documents/${withPages.pageId}`,
		setup: async (page) => {
			await page.getByRole('button', { name: 'Agrandir' }).click();
			await page.getByRole('button', { name: 'Tourner d’un quart de tour' }).click();
			await expect(page.getByText('Taille : 150 %')).toBeVisible();
		}
	},
	{ name: 'Espace pro : rendez-vous du jour', path: () => '/pro/rendez-vous' },
	{ name: 'Espace pro : horaires d’un guichet', path: () => '/pro/guichets/france-services-rdv' },
	{
		name: 'Espace pro : semaine d’un guichet',
		path: () => '/pro/rendez-vous/semaine?guichet=france-services-rdv'
	},
	{
		// With the refusal she gets when the reason is missing: the page and its error at once.
		name: 'Espace pro : un rendez-vous, à annuler sans motif',
		path: () => `/pro/rendez-vous/${callMeId}`,
		setup: async (page) => {
			await page.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
			await expect(page.getByRole('alert')).toContainText('Écrivez le motif');
		}
	},
	{
		name: 'Espace pro : prendre un rendez-vous, sans horaire choisi',
		path: () =>
			'/pro/rendez-vous/nouveau?guichet=rendez-vous-conseillere-sociale&type=ccas-domicile',
		setup: async (page) => {
			await page.getByRole('button', { name: 'Réserver ce rendez-vous' }).click();
			await expect(page.getByRole('alert')).toContainText('Choisissez un horaire');
		}
	},
	{ name: 'Espace pro : guichets', path: () => '/pro/guichets' },
	{
		// Trying the form's conditions: "Oui" brings the time of the way back.
		name: 'Espace pro : aperçu d’un formulaire',
		path: () => '/pro/catalogue/transport-accompagne/formulaire/apercu',
		setup: async (page) => {
			await page.getByRole('radio', { name: 'Oui' }).check();
			await expect(
				page.getByRole('combobox', { name: 'À quelle heure faut-il venir vous rechercher ?' })
			).toBeVisible();
		}
	},
	{ name: 'Espace pro : à appeler', path: () => '/pro/a-appeler' },
	{
		name: 'Espace pro : envois',
		path: () => '/pro/envois',
		setup: async (page) => {
			// Letters booked from a tablet the office has never seen wait for an agent's approval.
			await expect(page.getByRole('row').filter({ hasText: 'Odette Audit' }).first()).toBeVisible();
			// This server has no SMTP_URL and no SMS key: the office is told nothing leaves by them.
			await expect(page.getByRole('region', { name: 'Les e-mails ne partent pas' })).toBeVisible();
			await expect(page.getByRole('region', { name: 'Les SMS ne partent pas' })).toBeVisible();
			// A letter that would arrive after the appointment is named, and she is to be called.
			const late = page.getByRole('region', { name: /arriverai(en)?t après le rendez-vous/ });
			await expect(late.getByRole('link', { name: /Odette Tardive/ }).first()).toBeVisible();
			await expect(late.getByRole('link', { name: 'Voir la liste « À appeler »' })).toBeVisible();
		}
	},
	{
		name: 'Espace pro : courriers à imprimer',
		path: () => '/pro/envois',
		setup: async (page) => {
			await page.getByRole('button', { name: `Approuver : ${letterReference}` }).click();
			await expect(page.getByRole('status')).toContainText('Les courriers sont ajoutés');
			await page.goto('/pro/envois/courriers');
			await expect(
				page.getByRole('article').filter({ hasText: 'Odette Audit' }).first()
			).toBeVisible();
		}
	},
	{ name: 'Espace pro : journal des accès', path: () => '/pro/journal' },
	{ name: 'Espace pro : effacements', path: () => '/pro/effacements' },
	{ name: 'Espace pro : catalogue', path: () => '/pro/catalogue' },
	{ name: 'Espace pro : comptes du personnel', path: () => '/pro/comptes' },
	{ name: 'Espace pro : fiche d’un service', path: () => '/pro/catalogue/portage-repas-domicile' },
	{
		name: 'Espace pro : formulaire en ligne',
		path: () => '/pro/catalogue/demande-logement-social/formulaire'
	},
	{
		name: 'Espace pro : question d’un formulaire',
		path: () =>
			'/pro/catalogue/demande-logement-social/formulaire/question?etape=4&champ=membre-adresse'
	}
];

/** A page that reads as one: a heading and lines of text, so the viewer shows what an agent reads. */
const TAX_NOTICE_SVG = `<svg width="1400" height="1000"><text x="80" y="120" font-size="64" font-family="sans-serif">Avis d’impôt 2026</text>${Array.from(
	{ length: 12 },
	(_, i) =>
		`<rect x="80" y="${200 + i * 60}" width="${900 + ((i * 137) % 300)}" height="22" fill="#444"/>`
).join('')}</svg>`;

let requestId = '';
/** This worker's housing pre-request, sent with a page of her tax notice. */
const withPages = { requestId: '', pageId: '' };
/** This worker's booking whose reminder she answered "Rappelez-moi". */
let callMeId = '';
/** This worker's letter, approved for the print list; its other one stays to approve. */
let letterReference = '';

test.describe.configure({ mode: 'parallel' });

// A client with no cookie: the signed-in state of the tests below (which Playwright also gives
// the clients it makes) would make this post a staff one from outside the browser, refused.
test.beforeAll(async ({ playwright, baseURL }, testInfo) => {
	const request = await playwright.request.newContext({
		baseURL,
		storageState: { cookies: [], origins: [] }
	});
	requestId = randomUUID();
	const sent = await request.post('/api/v1/outbox', {
		headers: { authorization: `Device ${'a'.repeat(43)}` },
		data: {
			mutations: [
				await requestSubmission(
					request,
					'rappel-conseiller',
					{
						nom: 'Yvonne Audit',
						telephone: '0612345678',
						moment: 'matin',
						question: 'Une question un peu longue pour voir comment le texte passe à la ligne.'
					},
					requestId
				)
			]
		}
	});
	expect(sent.status()).toBe(200);
	// Someone to call: a booking whose reminder she answered "Rappelez-moi".
	const { slots } = (await (
		await request.get('/api/v1/slots?serviceId=aide-numerique-individuelle')
	).json()) as { slots: { appointmentTypeId: string; start: string }[] };
	// Each worker runs this set-up: each takes slots of its own.
	const slot = slots[Math.floor(slots.length / 2) + 2 * testInfo.parallelIndex]!;
	const last = slots.at(-1 - 2 * testInfo.parallelIndex)!;
	const office = (await (
		await request.get('/api/v1/slots?serviceId=rendez-vous-conseillere-sociale')
	).json()) as { slots: { appointmentTypeId: string; start: string }[] };
	const ccas = office.slots
		.filter((s) => s.appointmentTypeId === 'ccas-bureau')
		.at(-1 - testInfo.parallelIndex)!;
	// A letter that would arrive after its appointment (the post takes 3 days here): one soon.
	const soon = office.slots
		.filter(
			(s) =>
				s.appointmentTypeId === 'ccas-telephone' &&
				Date.parse(s.start) < Date.now() + 3 * 86_400_000
		)
		.at(-1 - testInfo.parallelIndex)!;
	const callMe = bookingMutation('aide-numerique-individuelle', slot, {
		name: 'Odette Audit',
		phone: '06 98 76 54 32'
	});
	const results = await sendFromTablet(request, [
		callMe,
		{
			id: randomUUID(),
			type: 'appointment.answer',
			createdAt: new Date().toISOString(),
			payload: { appointmentId: callMe.id, answer: 'callback' }
		},
		// And letters: bookings confirmed by post, one to approve and print, one left to approve.
		bookingMutation('aide-numerique-individuelle', last, {
			name: 'Odette Audit',
			phone: '06 98 76 54 32',
			address: '12 rue des Écoles, 87990 Val-de-Lierre',
			notify: ['post']
		}),
		bookingMutation('rendez-vous-conseillere-sociale', ccas, {
			name: 'Odette Audit',
			phone: '06 98 76 54 32',
			address: '12 rue des Écoles, 87990 Val-de-Lierre',
			notify: ['post']
		}),
		bookingMutation('rendez-vous-conseillere-sociale', soon, {
			name: 'Odette Tardive',
			phone: '06 98 76 54 32',
			address: '12 rue des Écoles, 87990 Val-de-Lierre',
			notify: ['post']
		})
	]);
	expect(results.map((r) => r.status)).toEqual([
		'applied',
		'applied',
		'applied',
		'applied',
		'applied'
	]);
	letterReference = results[2]!.reference!;
	callMeId = callMe.id;

	// Her housing pre-request with a page of her tax notice, sent as her tablet sends them.
	const key = randomBytes(32).toString('base64url');
	const scan = await sharp({
		create: { width: 1400, height: 1000, channels: 3, background: '#efe9dc' }
	})
		.composite([{ input: Buffer.from(TAX_NOTICE_SVG) }])
		.jpeg()
		.toBuffer();
	const page = await sentPage(request, key, scan);
	const housing = await request.post('/api/v1/outbox', {
		headers: { authorization: `Device ${key}` },
		data: {
			mutations: [
				await requestSubmission(request, 'logement-social', {
					...HOUSING_ALONE,
					'avis-impot': { pages: [page] }
				})
			]
		}
	});
	const [applied] = (await housing.json()).results;
	expect(applied.status).toBe('applied');
	withPages.requestId = applied.recordId;
	withPages.pageId = page.id;
	// Its thread: the office asked for the second page; she answered with its photo.
	const asked = await officeWrites(applied.recordId, {
		kind: 'document',
		body: 'Il manque la deuxième page de votre avis d’impôt.',
		documentLabel: 'Avis d’impôt, page 2'
	});
	const second = await sentPage(request, key, scan);
	const answered = await request.post('/api/v1/outbox', {
		headers: { authorization: `Device ${key}` },
		data: {
			mutations: [
				{
					id: randomUUID(),
					type: 'message.reply',
					createdAt: new Date().toISOString(),
					payload: {
						requestId: applied.recordId,
						body: 'La voici.',
						inReplyTo: asked,
						document: { pages: [second] }
					}
				}
			]
		}
	});
	expect((await answered.json()).results[0].status).toBe('applied');
	// Registered in the national system: its numéro unique and the date to renew it by.
	await deskForm(applied.recordId, 'register', { number: '087 1226 12345 A' });
	await request.dispose();
});

test('Espace pro : connexion', async ({ page }) => {
	await page.goto('/pro/connexion');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await auditState(page, 'Espace pro : connexion', 'fr');
});

test.describe('signed in', () => {
	test.use({ storageState: signedInState(ADMIN) });
	for (const state of STAFF_STATES) {
		test(state.name, async ({ page }) => {
			await page.goto(state.path(requestId));
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await state.setup?.(page);
			await auditState(page, state.name, 'fr');
		});
	}
});
