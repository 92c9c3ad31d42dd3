import { API_CONTACT } from './helpers/booking';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestSubmission, tusMetadata } from './helpers/senior-api';
import { ADMIN, AGENT, BASE_URL, staffClient } from './helpers/staff';

type Role = 'anonymous' | 'device' | 'otherDevice' | 'assisted' | 'agent' | 'admin';
/** `assisted`: an agent signed in on the senior's own tablet to help her (her device key too). */
const ROLES: Role[] = ['anonymous', 'device', 'otherDevice', 'assisted', 'agent', 'admin'];
/** A status code, or "sign-in": a 303 to the staff sign-in page. */
type Expected = number | 'sign-in';

interface Row {
	route: string;
	method: 'GET' | 'POST' | 'HEAD' | 'PATCH' | 'DELETE' | 'OPTIONS';
	path: string;
	form?: Record<string, string>;
	/** Built per call: each caller sends its own mutation id. */
	json?: () => unknown;
	/** Built per call: each caller names its own page. */
	headers?: () => Record<string, string>;
	body?: Buffer;
	expect: Record<Role, Expected>;
}

const all = (status: Expected): Record<Role, Expected> =>
	Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Role, Expected>;
/** Staff addresses: an assisted session is known but opens none of them (403). */
const staffOnly = (agent: Expected, admin: Expected = agent, others: Expected = 'sign-in') => ({
	anonymous: others,
	device: others,
	otherDevice: others,
	assisted: 403,
	agent,
	admin
});
const deviceOnly = {
	anonymous: 401,
	device: 200,
	otherDevice: 200,
	assisted: 200,
	agent: 401,
	admin: 401
};

/** A tus request's headers for a page of `length` bytes, named `id` (a JPEG, its hash given). */
const tusCreation = (id = randomUUID(), length = 10) => ({
	'tus-resumable': '1.0.0',
	'upload-length': String(length),
	'upload-metadata': tusMetadata({ id, type: 'image/jpeg', sha256: 'a'.repeat(64) })
});
const TUS = { 'tus-resumable': '1.0.0' };

const DEVICE_KEY = randomBytes(32).toString('base64url');
/** A page the senior's tablet started sending. */
const PAGE_ID = randomUUID();
const OTHER_KEY = randomBytes(32).toString('base64url');
let requestId = '';
let appointmentId = '';
const clients = {} as Record<Role, APIRequestContext>;

function rows(): Row[] {
	const setStatus = () => ({
		mutations: [
			{
				id: randomUUID(),
				type: 'request.setStatus',
				createdAt: new Date().toISOString(),
				payload: { requestId, from: 'received', to: 'done', message: 'Fait' }
			}
		]
	});
	const caseNote = () => ({
		mutations: [
			{
				id: randomUUID(),
				type: 'case.note',
				createdAt: new Date().toISOString(),
				payload: { subject: 'request', subjectId: requestId, text: 'Note' }
			}
		]
	});
	const officeMessage = () => ({
		mutations: [
			{
				id: randomUUID(),
				type: 'message.send',
				createdAt: new Date().toISOString(),
				payload: { requestId, kind: 'question', body: 'Quel jour ?' }
			}
		]
	});
	return [
		{ route: '/', method: 'GET', path: '/', expect: all(200) },
		{ route: '/themes/[id]', method: 'GET', path: '/themes/repas', expect: all(200) },
		{
			route: '/services/[id]',
			method: 'GET',
			path: '/services/portage-repas-domicile',
			expect: all(200)
		},
		{ route: '/recherche', method: 'GET', path: '/recherche?q=repas', expect: all(200) },
		{ route: '/affichage', method: 'GET', path: '/affichage', expect: all(200) },
		{
			route: '/affichage',
			method: 'POST',
			path: '/affichage',
			form: { text: '150' },
			expect: all(303)
		},
		{ route: '/accessibilite', method: 'GET', path: '/accessibilite', expect: all(200) },
		{
			route: '/langue',
			method: 'POST',
			path: '/langue',
			form: { lang: 'es', next: '/themes/repas' },
			expect: all(303)
		},
		{
			route: '/langue',
			method: 'POST',
			path: '/langue',
			form: { lang: 'klingon', next: '/' },
			expect: all(400)
		},
		{ route: '/offline-shell', method: 'GET', path: '/offline-shell', expect: all(200) },
		// Pages drawn on the device from its own storage: the server sends the same empty shell to all.
		{
			route: '/demandes/[formId]',
			method: 'GET',
			path: '/demandes/rappel-conseiller',
			expect: all(200)
		},
		{
			route: '/demandes/[formId]/etape/[step]',
			method: 'GET',
			path: '/demandes/rappel-conseiller/etape/1',
			expect: all(200)
		},
		{
			// One person of a household, a page of their questions: drawn on the tablet from its own
			// draft, like a step.
			route: '/demandes/[formId]/etape/[step]/[member]/[[page]]',
			method: 'GET',
			path: '/demandes/logement-social/etape/5/1/2',
			expect: all(200)
		},
		{
			route: '/demandes/[formId]/verifier',
			method: 'GET',
			path: '/demandes/rappel-conseiller/verifier',
			expect: all(200)
		},
		{
			route: '/demandes/envoi/[id]',
			method: 'GET',
			path: `/demandes/envoi/${requestId}`,
			expect: all(200)
		},
		{ route: '/mes-demandes', method: 'GET', path: '/mes-demandes', expect: all(200) },
		// Rendered on the tablet from its own copy: the server sends the shell, never the thread.
		{
			route: '/mes-demandes/[id]',
			method: 'GET',
			path: `/mes-demandes/${randomUUID()}`,
			expect: all(200)
		},
		{ route: '/mes-informations', method: 'GET', path: '/mes-informations', expect: all(200) },
		// Its data come from the API with the tablet's key (GET /api/v1/my-data): the page is a shell.
		{
			route: '/mes-informations/mes-donnees',
			method: 'GET',
			path: '/mes-informations/mes-donnees',
			expect: all(200)
		},
		{ route: '/mes-rendez-vous', method: 'GET', path: '/mes-rendez-vous', expect: all(200) },
		{
			route: '/rendez-vous/[serviceId]',
			method: 'GET',
			path: '/rendez-vous/aide-numerique-individuelle',
			expect: all(200)
		},
		{
			route: '/rendez-vous/confirmation/[id]',
			method: 'GET',
			path: `/rendez-vous/confirmation/${appointmentId}`,
			expect: all(200)
		},
		{ route: '/api/health', method: 'GET', path: '/api/health', expect: all(200) },
		{ route: '/api/v1/catalogue', method: 'GET', path: '/api/v1/catalogue', expect: all(200) },
		{ route: '/api/v1/forms', method: 'GET', path: '/api/v1/forms', expect: all(200) },
		{
			route: '/api/v1/openapi.json',
			method: 'GET',
			path: '/api/v1/openapi.json',
			expect: all(200)
		},
		{ route: '/api/v1/prefs', method: 'GET', path: '/api/v1/prefs', expect: all(200) },
		{ route: '/api/v1/search', method: 'GET', path: '/api/v1/search?q=repas', expect: all(200) },
		{
			route: '/api/v1/services/[id]',
			method: 'GET',
			path: '/api/v1/services/portage-repas-domicile',
			expect: all(200)
		},
		{
			route: '/api/v1/slots',
			method: 'GET',
			path: '/api/v1/slots?serviceId=aide-numerique-individuelle',
			expect: all(200)
		},
		{ route: '/api/v1/themes', method: 'GET', path: '/api/v1/themes', expect: all(200) },
		{
			route: '/api/v1/themes/[id]',
			method: 'GET',
			path: '/api/v1/themes/repas',
			expect: all(200)
		},
		// A device reads its own records only (the answer's content is checked below).
		{ route: '/api/v1/requests', method: 'GET', path: '/api/v1/requests', expect: deviceOnly },
		// The envelope is accepted from any device; a staff change inside it is refused (below).
		{
			route: '/api/v1/outbox',
			method: 'POST',
			path: '/api/v1/outbox',
			json: setStatus,
			expect: deviceOnly
		},
		// Nor write an office's note on a case.
		{
			route: '/api/v1/outbox',
			method: 'POST',
			path: '/api/v1/outbox',
			json: caseNote,
			expect: deviceOnly
		},
		// Nor write to her as the office.
		{
			route: '/api/v1/outbox',
			method: 'POST',
			path: '/api/v1/outbox',
			json: officeMessage,
			expect: deviceOnly
		},
		{
			route: '/pro/connexion',
			method: 'GET',
			path: '/pro/connexion',
			expect: { ...staffOnly(303, 303, 200), assisted: 303 }
		},
		{
			route: '/pro/connexion',
			method: 'POST',
			path: '/pro/connexion',
			form: { email: 'nobody@mairie.test', password: 'pas le bon mot de passe' },
			// Already signed in: sent on to the staff area (an assisted agent, back to her portal).
			expect: { ...staffOnly(303, 303, 400), assisted: 303 }
		},
		{ route: '/pro', method: 'GET', path: '/pro', expect: staffOnly(200) },
		{
			route: '/pro',
			method: 'GET',
			path: '/pro?nom=dupre&etat=received',
			expect: staffOnly(200)
		},
		{
			route: '/pro/demandes/[id]',
			method: 'GET',
			path: `/pro/demandes/${requestId}`,
			expect: staffOnly(200)
		},
		{
			route: '/pro/demandes/[id]',
			method: 'GET',
			path: `/pro/demandes/${randomUUID()}`,
			expect: staffOnly(404)
		},
		// Allowed to try, then told what is missing: no status chosen.
		{
			route: '/pro/demandes/[id]',
			method: 'POST',
			path: `/pro/demandes/${requestId}?/status`,
			form: { to: '' },
			expect: staffOnly(400, 400, 401)
		},
		// Casework: let in, then told the note is empty; nothing written.
		{
			route: '/pro/demandes/[id]',
			method: 'POST',
			path: `/pro/demandes/${requestId}?/note`,
			form: { note: ' ', mutationId: randomUUID() },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/demandes/[id]',
			method: 'POST',
			path: `/pro/demandes/${requestId}?/assign`,
			// An agent who does not exist: refused, nobody named.
			form: { assignee: randomUUID(), mutationId: randomUUID() },
			expect: staffOnly(400, 400, 401)
		},
		// Messages: let in, then told the message is empty; nothing written.
		{
			route: '/pro/demandes/[id]',
			method: 'POST',
			path: `/pro/demandes/${requestId}?/message`,
			form: { kind: 'message', body: ' ', mutationId: randomUUID() },
			expect: staffOnly(400, 400, 401)
		},
		// The numéro unique: let in, then told the number is not one; nothing written.
		{
			route: '/pro/demandes/[id]',
			method: 'POST',
			path: `/pro/demandes/${requestId}?/register`,
			form: { number: '<b>', mutationId: randomUUID() },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/journal',
			method: 'GET',
			path: '/pro/journal',
			expect: staffOnly(403, 200)
		},
		{
			route: '/api/v1/staff/me',
			method: 'GET',
			path: '/api/v1/staff/me',
			expect: staffOnly(200, 200, 401)
		},
		{
			route: '/api/v1/staff/requests',
			method: 'GET',
			path: '/api/v1/staff/requests?etat=received',
			expect: staffOnly(200, 200, 401)
		},
		{
			route: '/api/v1/staff/requests/[id]',
			method: 'GET',
			path: `/api/v1/staff/requests/${requestId}`,
			expect: staffOnly(200, 200, 401)
		},
		{
			route: '/api/v1/staff/requests/[id]',
			method: 'GET',
			path: `/api/v1/staff/requests/${randomUUID()}`,
			expect: staffOnly(404, 404, 401)
		},
		// Her papers, to staff only: the complete file; a page reached only through its request (a
		// tablet's page that no request holds is nobody's to see, whoever asks).
		{
			route: '/api/v1/staff/requests/[id]/dossier',
			method: 'GET',
			path: `/api/v1/staff/requests/${requestId}/dossier`,
			expect: staffOnly(200, 200, 401)
		},
		{
			route: '/api/v1/staff/requests/[id]/pages/[pageId]',
			method: 'GET',
			path: `/api/v1/staff/requests/${requestId}/pages/${PAGE_ID}?view=thumbnail`,
			expect: staffOnly(404, 404, 401)
		},
		{
			route: '/pro/demandes/[id]/documents/[pageId]',
			method: 'GET',
			path: `/pro/demandes/${requestId}/documents/${PAGE_ID}`,
			expect: staffOnly(404)
		},
		{
			route: '/api/v1/staff',
			method: 'GET',
			path: '/api/v1/staff/demandes',
			expect: staffOnly(404, 404, 401)
		},
		{
			route: '/api/v1/staff/admin',
			method: 'GET',
			path: '/api/v1/staff/admin/comptes',
			expect: staffOnly(403, 404, 401)
		},
		{ route: '/api/v1/my-data', method: 'GET', path: '/api/v1/my-data', expect: deviceOnly },
		// Her tablet's code for a booking by phone: any tablet for itself, never a desk without one.
		{
			route: '/api/v1/tablet-code',
			method: 'POST',
			path: '/api/v1/tablet-code',
			expect: { ...deviceOnly, device: 201, otherDevice: 201, assisted: 201 }
		},
		{
			route: '/pro/effacements',
			method: 'GET',
			path: '/pro/effacements',
			expect: staffOnly(403, 200)
		},
		{
			route: '/pro/effacements',
			method: 'POST',
			path: '/pro/effacements',
			form: { id: 'unknown', reference: 'E-000-000' },
			// An admin is let in, and told this erasure does not wait any more.
			expect: staffOnly(403, 409, 401)
		},
		// A signed link: anyone holding it; a made-up one opens the page that says so, acts on nothing.
		{ route: '/r/[token]', method: 'GET', path: '/r/lien-invente', expect: all(200) },
		{ route: '/r/[token]', method: 'POST', path: '/r/lien-invente', form: {}, expect: all(303) },
		{ route: '/api/v1/push-key', method: 'GET', path: '/api/v1/push-key', expect: all(200) },
		// Her papers' pages (tus): any tablet starts its own; only hers reaches hers.
		{
			route: '/api/v1/pages',
			method: 'POST',
			path: '/api/v1/pages',
			headers: () => tusCreation(),
			expect: { ...deviceOnly, device: 201, otherDevice: 201, assisted: 201 }
		},
		{
			route: '/api/v1/pages',
			method: 'OPTIONS',
			path: '/api/v1/pages',
			headers: () => TUS,
			expect: { ...deviceOnly, device: 204, otherDevice: 204, assisted: 204 }
		},
		// Back to the tablet that sent it, once whole and checked; this one is still on its way.
		{
			route: '/api/v1/pages/[id]',
			method: 'GET',
			path: `/api/v1/pages/${PAGE_ID}`,
			expect: { ...deviceOnly, device: 404, otherDevice: 404, assisted: 404 }
		},
		{
			route: '/api/v1/pages/[id]',
			method: 'HEAD',
			path: `/api/v1/pages/${PAGE_ID}`,
			headers: () => TUS,
			expect: { ...deviceOnly, otherDevice: 404 }
		},
		{
			route: '/api/v1/pages/[id]',
			method: 'PATCH',
			path: `/api/v1/pages/${PAGE_ID}`,
			// Let in, then told the offset is not where the page stands: nothing stored.
			headers: () => ({
				...TUS,
				'upload-offset': '5',
				'content-type': 'application/offset+octet-stream'
			}),
			body: Buffer.from('abc'),
			expect: { ...deviceOnly, device: 409, otherDevice: 404, assisted: 409 }
		},
		{
			route: '/api/v1/pages/[id]',
			method: 'DELETE',
			// Another page than hers (none such): a tablet is let in and finds nothing.
			path: `/api/v1/pages/${randomUUID()}`,
			headers: () => TUS,
			expect: { ...deviceOnly, device: 404, otherDevice: 404, assisted: 404 }
		},
		{
			route: '/api/v1/pages/[id]',
			method: 'OPTIONS',
			path: `/api/v1/pages/${PAGE_ID}`,
			headers: () => TUS,
			expect: { ...deviceOnly, device: 204, otherDevice: 204, assisted: 204 }
		},
		{
			route: '/pro/a-appeler',
			method: 'GET',
			path: '/pro/a-appeler',
			expect: staffOnly(200)
		},
		{
			route: '/pro/a-appeler',
			method: 'POST',
			path: '/pro/a-appeler',
			// Let in, then told to choose the call's outcome: nothing recorded.
			form: { appointment: appointmentId, outcome: '' },
			expect: staffOnly(400, 400, 401)
		},
		{ route: '/pro/envois', method: 'GET', path: '/pro/envois', expect: staffOnly(200) },
		{
			route: '/pro/envois',
			method: 'POST',
			path: '/pro/envois?/retry',
			form: { notice: 'no-such-notice' },
			expect: staffOnly(404, 404, 401)
		},
		{
			route: '/pro/envois',
			method: 'POST',
			path: '/pro/envois?/release',
			// Let in, then told the channel is not one that can be held: nothing released.
			form: { channel: 'post' },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/envois',
			method: 'POST',
			path: '/pro/envois?/letters',
			// Let in, then told there is no such letter to approve.
			form: { appointment: '00000000-0000-4000-8000-000000000000', decision: 'approve' },
			expect: staffOnly(404, 404, 401)
		},
		{
			route: '/pro/envois/courriers',
			method: 'GET',
			path: '/pro/envois/courriers',
			expect: staffOnly(200)
		},
		{
			route: '/pro/envois/courriers',
			method: 'POST',
			path: '/pro/envois/courriers',
			form: {},
			expect: staffOnly(303, 303, 401)
		},
		{
			route: '/pro/rendez-vous',
			method: 'GET',
			path: '/pro/rendez-vous',
			expect: staffOnly(200)
		},
		{
			route: '/pro/rendez-vous/[id]',
			method: 'GET',
			path: `/pro/rendez-vous/${appointmentId}`,
			expect: staffOnly(200)
		},
		{
			route: '/pro/rendez-vous/[id]',
			method: 'POST',
			path: `/pro/rendez-vous/${appointmentId}?/cancel`,
			// Let in, then told the reason is missing: the appointment stays booked.
			form: { reason: '', mutationId: randomUUID() },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/rendez-vous/[id]',
			method: 'POST',
			path: `/pro/rendez-vous/${appointmentId}?/note`,
			form: { note: '', mutationId: randomUUID() },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/rendez-vous/[id]',
			method: 'POST',
			path: `/pro/rendez-vous/${appointmentId}?/assign`,
			form: { assignee: randomUUID(), mutationId: randomUUID() },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/rendez-vous/nouveau',
			method: 'GET',
			path: '/pro/rendez-vous/nouveau?guichet=aide-numerique-individuelle',
			expect: staffOnly(200)
		},
		{
			route: '/pro/rendez-vous/nouveau',
			method: 'POST',
			path: '/pro/rendez-vous/nouveau',
			// Let in, then told to choose a time: nothing is booked.
			form: { serviceId: 'aide-numerique-individuelle', start: '' },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/rendez-vous/semaine',
			method: 'GET',
			path: '/pro/rendez-vous/semaine?guichet=france-services-rdv',
			expect: staffOnly(200)
		},
		{
			route: '/pro/guichets',
			method: 'GET',
			path: '/pro/guichets',
			expect: staffOnly(200)
		},
		{
			route: '/pro/guichets/[serviceId]',
			method: 'GET',
			path: '/pro/guichets/france-services-rdv',
			expect: staffOnly(200)
		},
		{
			route: '/pro/guichets/[serviceId]',
			method: 'POST',
			path: '/pro/guichets/france-services-rdv?/close',
			// Let in, then told the day and the reason are missing: nothing changes.
			form: { day: '', reason: '' },
			expect: staffOnly(400, 400, 401)
		},
		{
			route: '/pro/catalogue',
			method: 'GET',
			path: '/pro/catalogue',
			expect: staffOnly(403, 200)
		},
		{
			route: '/pro/catalogue',
			method: 'POST',
			path: '/pro/catalogue?/publish',
			form: { id: 'no-such-service', published: 'no' },
			expect: staffOnly(403, 404, 401)
		},
		{
			route: '/pro/catalogue/[id]',
			method: 'GET',
			path: '/pro/catalogue/portage-repas-domicile',
			expect: staffOnly(403, 200)
		},
		{
			route: '/pro/catalogue/[id]',
			method: 'POST',
			path: '/pro/catalogue/nouveau',
			// Let in, then told what is missing: nothing is created.
			form: { title: '' },
			expect: staffOnly(403, 400, 401)
		},
		{
			route: '/pro/comptes',
			method: 'GET',
			path: '/pro/comptes',
			expect: staffOnly(403, 200)
		},
		{
			route: '/pro/comptes',
			method: 'POST',
			path: '/pro/comptes?/create',
			// Let in, then told what is missing: no account is made.
			form: { name: '', email: '', password: '' },
			expect: staffOnly(403, 400, 401)
		},
		{
			route: '/pro/catalogue/[id]/formulaire',
			method: 'GET',
			path: '/pro/catalogue/portage-repas-domicile/formulaire',
			expect: staffOnly(403, 200)
		},
		{
			route: '/pro/catalogue/[id]/formulaire',
			method: 'POST',
			path: '/pro/catalogue/portage-repas-domicile/formulaire?/title',
			// Let in, then told the title is too short: no draft is made.
			form: { formTitle: '' },
			expect: staffOnly(403, 400, 401)
		},
		{
			// Repeating a step: an agent is refused before his input is checked.
			route: '/pro/catalogue/[id]/formulaire',
			method: 'POST',
			path: '/pro/catalogue/portage-repas-domicile/formulaire?/stepRepeat',
			form: { step: '0', repeat: 'on', itemTitle: '', addLabel: '', min: '', max: '' },
			expect: staffOnly(403, 400, 401)
		},
		{
			route: '/pro/catalogue/[id]/formulaire/apercu',
			method: 'GET',
			path: '/pro/catalogue/transport-accompagne/formulaire/apercu',
			expect: staffOnly(403, 200)
		},
		{
			route: '/pro/catalogue/[id]/formulaire/apercu',
			method: 'GET',
			path: '/pro/catalogue/jardinage-solidaire/formulaire/apercu',
			// A service without an online form: nothing to try.
			expect: staffOnly(403, 404)
		},
		{
			route: '/pro/catalogue/[id]/formulaire/question',
			method: 'GET',
			path: '/pro/catalogue/portage-repas-domicile/formulaire/question?etape=0&champ=nom',
			expect: staffOnly(403, 200)
		},
		{
			route: '/pro/catalogue/[id]/formulaire/question',
			method: 'GET',
			path: '/pro/catalogue/portage-repas-domicile/formulaire/question?etape=9',
			expect: staffOnly(403, 404)
		},
		{
			route: '/pro/catalogue/[id]/formulaire/question',
			method: 'POST',
			path: '/pro/catalogue/portage-repas-domicile/formulaire/question?etape=0',
			form: { label: '' },
			expect: staffOnly(403, 400, 401)
		},
		// Last: it ends the staff sessions the rows above use.
		{
			route: '/pro/deconnexion',
			method: 'POST',
			path: '/pro/deconnexion',
			form: { scope: 'this' },
			expect: all(303)
		}
	];
}

async function call(client: APIRequestContext, row: Row, headers: Record<string, string> = {}) {
	return client.fetch(row.path, {
		method: row.method,
		maxRedirects: 0,
		headers: { ...headers, ...row.headers?.() },
		form: row.form,
		data: row.body ?? row.json?.()
	});
}

function observed(status: number, location: string | undefined): Expected {
	return status === 303 && location?.startsWith('/pro/connexion?next=') ? 'sign-in' : status;
}

test.beforeAll(async () => {
	const headers = (key?: string) => ({
		origin: BASE_URL,
		accept: 'text/html',
		...(key ? { authorization: `Device ${key}` } : {})
	});
	clients.anonymous = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: headers() });
	clients.device = await request.newContext({
		baseURL: BASE_URL,
		extraHTTPHeaders: headers(DEVICE_KEY)
	});
	clients.otherDevice = await request.newContext({
		baseURL: BASE_URL,
		extraHTTPHeaders: headers(OTHER_KEY)
	});
	clients.agent = await staffClient(AGENT);
	clients.admin = await staffClient(ADMIN);
	clients.assisted = await staffClient(AGENT, BASE_URL, { deviceKey: DEVICE_KEY, assisted: true });

	// The senior's device sends a request and books an appointment.
	const slots = await (
		await clients.device.get('/api/v1/slots?serviceId=aide-numerique-individuelle')
	).json();
	requestId = randomUUID();
	appointmentId = randomUUID();
	const sent = await clients.device.post('/api/v1/outbox', {
		data: {
			mutations: [
				await requestSubmission(
					clients.device,
					'rappel-conseiller',
					{ nom: 'Odette Dupré', telephone: '06 12 34 56 78', moment: 'matin', question: '' },
					requestId
				),
				{
					id: appointmentId,
					type: 'appointment.book',
					createdAt: new Date().toISOString(),
					payload: {
						serviceId: 'aide-numerique-individuelle',
						appointmentTypeId: slots.slots[0].appointmentTypeId,
						start: slots.slots[0].start,
						contact: API_CONTACT
					}
				}
			]
		}
	});
	const results = (await sent.json()).results;
	expect(results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
	const page = await clients.device.post('/api/v1/pages', { headers: tusCreation(PAGE_ID) });
	expect(page.status()).toBe(201);
});

test.afterAll(async () => {
	await Promise.all(Object.values(clients).map((c) => c.dispose()));
});

/** Every route file of the app, with the methods it answers. */
function routesOnDisk(dir = 'src/routes', id = ''): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir).sort()) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) {
			// A group ("(portail)", "(espace)") shapes layouts, not addresses: named by its address.
			found.push(...routesOnDisk(path, /^\(.*\)$/.test(entry) ? id : `${id}/${entry}`));
			continue;
		}
		const route = id || '/';
		if (entry === '+page.svelte') found.push(`GET ${route}`);
		const source = readFileSync(path, 'utf8');
		if (entry === '+page.server.ts' && /export const actions/.test(source))
			found.push(`POST ${route}`);
		if (entry === '+server.ts') {
			for (const [, method] of source.matchAll(
				/export (?:(?:async )?function|const) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g
			)) {
				found.push(`${method} ${route}`);
			}
		}
	}
	return found;
}

test('authorization matrix: every route × anonymous, senior device, other device, assisted agent, agent, admin', async () => {
	const table = rows();
	const covered = new Set(table.map((r) => `${r.method} ${r.route}`));
	expect(
		routesOnDisk().filter((r) => !covered.has(r)),
		'routes missing from the matrix'
	).toEqual([]);

	const failures: string[] = [];
	const lines: string[] = [];
	for (const row of table) {
		const cells: string[] = [];
		for (const role of ROLES) {
			const response = await call(clients[role], row);
			const got = observed(response.status(), response.headers()['location']);
			cells.push(String(got));
			if (got !== row.expect[role]) {
				failures.push(
					`${row.method} ${row.path} as ${role}: expected ${row.expect[role]}, got ${got}`
				);
			}
			if (row.route === '/api/v1/outbox' && got === 200) {
				// A device cannot change a request's status or write a note, whatever it sends; nor
				// can an agent signed in on the senior's tablet to help her.
				expect((await response.json()).results[0]).toMatchObject({
					status: 'rejected',
					errors: [{ code: 'staffOnly' }]
				});
			}
		}
		lines.push(
			`| ${row.method} | \`${row.path.replace(/[0-9a-f-]{36}/g, ':id')}\` | ${cells.join(' | ')} |`
		);
	}
	mkdirSync('reports/authorization', { recursive: true });
	writeFileSync(
		'reports/authorization/matrix.md',
		[
			`# Authorization matrix`,
			'',
			`${table.length} requests × ${ROLES.length} callers = ${table.length * ROLES.length} cells; ${failures.length} unexpected.`,
			'"sign-in" is a 303 to the staff sign-in page.',
			'',
			`| Method | Address | ${ROLES.join(' | ')} |`,
			`|---|---|${ROLES.map(() => '---').join('|')}|`,
			...lines,
			''
		].join('\n')
	);
	expect(failures).toEqual([]);
});

test('one device never sees or touches another device’s requests and appointments', async () => {
	const own = await (await clients.device.get('/api/v1/requests')).json();
	expect(own.requests.map((r: { id: string }) => r.id)).toContain(requestId);
	const other = await (await clients.otherDevice.get('/api/v1/requests')).json();
	expect(other).toEqual({ requests: [], appointments: [] });

	const cancel = await clients.otherDevice.post('/api/v1/outbox', {
		data: {
			mutations: [
				{
					id: randomUUID(),
					type: 'appointment.cancel',
					createdAt: new Date().toISOString(),
					payload: { appointmentId }
				}
			]
		}
	});
	expect((await cancel.json()).results[0].status).toBe('rejected');
	const still = await (await clients.device.get('/api/v1/requests')).json();
	expect(still.appointments.find((a: { id: string }) => a.id === appointmentId).status).toBe(
		'booked'
	);
});

test('a state change posted from another site with the staff cookie is refused', async () => {
	const agent = await staffClient(AGENT);
	const forged: Record<string, string>[] = [
		{ origin: 'https://evil.example' },
		{ 'sec-fetch-site': 'cross-site' }
	];
	for (const headers of forged) {
		const response = await agent.post(`/pro/demandes/${requestId}?/status`, {
			form: { to: 'refused', from: 'received', message: 'x', mutationId: randomUUID() },
			headers,
			maxRedirects: 0
		});
		expect(response.status()).toBe(403);
	}
	const detail = await agent.get(`/pro/demandes/${requestId}`);
	expect(await detail.text()).toContain('Reçue');
	await agent.dispose();
});

test('staff pages carry the security headers and are never cached', async () => {
	const agent = await staffClient(AGENT);
	const response = await agent.get('/pro');
	const headers = response.headers();
	expect(headers['cache-control']).toBe('private, no-store');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['referrer-policy']).toBe('same-origin');
	const csp = headers['content-security-policy'];
	// Its own scripts by nonce; the head script written into every page by its hash.
	expect(csp).toMatch(/script-src 'self' 'sha256-[^']+' 'nonce-[^']+'/);
	expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(csp).toContain("frame-ancestors 'none'");
	await agent.dispose();
});

test('a malformed form body on any action answers 400, never a 500 with a stack', async () => {
	const admin = await staffClient(ADMIN);
	const posts = rows().filter(
		(r) => r.method === 'POST' && r.form && r.route !== '/pro/deconnexion'
	);
	const statuses: string[] = [];
	for (const row of posts) {
		// A multipart body cut short: no closing boundary, no part.
		const client = row.expect.admin === 401 ? clients.anonymous : admin;
		const response = await client.post(row.path, {
			headers: { 'content-type': 'multipart/form-data; boundary=----cut' },
			data: '------cut\r\nContent-Disposition: form-data; name="x"\r\n\r\nunfinished',
			maxRedirects: 0
		});
		const text = await response.text();
		expect(text).not.toMatch(/at .*\.js:\d+/);
		statuses.push(`${row.path} ${response.status()}`);
	}
	expect(statuses.filter((s) => !s.endsWith(' 400'))).toEqual([]);
	await admin.dispose();
});
