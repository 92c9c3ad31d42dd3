import { expect, request, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { deviceKeyOf, queueOnTablet, serverRecordsOf } from './device';
import { requestSubmission } from './senior-api';
import { HOUSING_ALONE } from '../support/housing';
import { AGENT, BASE_URL, signedInState } from './staff';

/**
 * A form of a request's staff page posted from an agent's desk (the way an agent without
 * JavaScript sends it), its change applied: the change's id (the form's) is returned.
 */
export async function deskForm(
	requestId: string,
	action: 'message' | 'register',
	fields: Record<string, string>,
	baseURL = BASE_URL
): Promise<string> {
	const desk = await request.newContext({
		baseURL,
		storageState: signedInState(AGENT),
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	const id = randomUUID();
	const sent = await desk.post(`/pro/demandes/${requestId}?/${action}`, {
		form: { ...fields, mutationId: id },
		maxRedirects: 0
	});
	expect(sent.status(), `the office's ${action} is applied`).toBe(303);
	await desk.dispose();
	return id;
}

/** An agent writes on a request: a message, a question, or a document asked for. */
export const officeWrites = (
	requestId: string,
	fields: { kind: 'message' | 'question' | 'document'; body: string; documentLabel?: string }
) => deskForm(requestId, 'message', fields);

/**
 * This tablet's request, sent through the API as its outbox sends it, with what else `then` adds
 * to the same batch (her messages on it). `page` must be on one of the portal's pages that asks
 * for her records: the tablet has its key then.
 */
export async function herRequest(page: Page, then: (id: string) => object[] = () => []) {
	const key = await deviceKeyOf(page);
	const submit = await requestSubmission(page.request, 'rappel-conseiller', {
		nom: 'Odette Morel',
		telephone: '0612345678',
		moment: 'matin',
		question: 'Pour mon dossier de logement.'
	});
	const sent = await page.request.post('/api/v1/outbox', {
		headers: { authorization: `Device ${key}` },
		data: { mutations: [submit, ...then(submit.id)] }
	});
	const results = (await sent.json()).results as { status: string; reference?: string }[];
	expect(results.map((r) => r.status)).toEqual(results.map(() => 'applied'));
	return { id: submit.id, reference: results[0]!.reference! };
}

/** Her request, her first message on it, and the office's request for a document after it. */
export async function requestWithThread(page: Page) {
	const request = await herRequest(page, (requestId) => [
		{
			id: randomUUID(),
			type: 'message.reply',
			createdAt: new Date().toISOString(),
			payload: { requestId, body: 'Bonjour, faut-il d’autres papiers ?' }
		}
	]);
	await officeWrites(request.id, {
		kind: 'document',
		body: 'Oui : il nous manque votre dernier avis d’impôt, les deux pages.',
		documentLabel: 'Votre dernier avis d’impôt'
	});
	return request;
}

/**
 * This tablet's housing application (a woman alone), queued in its outbox and sent by its sync,
 * then registered in the national system by the office (its numéro unique): "Mes demandes" then
 * offers to report a change. `label` is the form's title in her language, as the app names it;
 * `page` must be on a page that asks for her records.
 */
export async function registeredHousing(page: Page, label: string, number = '087 1226 12345 A') {
	const key = await deviceKeyOf(page);
	const submit = await requestSubmission(page.request, 'logement-social', HOUSING_ALONE);
	await queueOnTablet(page, submit, label);
	await page.reload();
	await expect
		.poll(async () => (await serverRecordsOf(page.request, '', key)).requests.map((r) => r.id), {
			timeout: 20_000
		})
		.toContain(submit.id);
	await deskForm(submit.id, 'register', { number });
}
