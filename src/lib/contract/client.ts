import * as v from 'valibot';
import type { PageView } from './documents';

/**
 * The portal's API as the tablet and the staff area call it: every address in one place, every
 * answer checked against its schema (the contract) rather than cast, so a server and a tablet of
 * different versions disagree here, by name, not pages later.
 */
const at = encodeURIComponent;

export const API = {
	themes: '/api/v1/themes',
	theme: (id: string, page: number) => `/api/v1/themes/${at(id)}?page=${page}`,
	service: (id: string) => `/api/v1/services/${at(id)}`,
	search: (query: string) => `/api/v1/search?q=${at(query)}`,
	catalogue: (since?: string) =>
		since ? `/api/v1/catalogue?since=${at(since)}` : '/api/v1/catalogue',
	outbox: '/api/v1/outbox',
	ownRecords: '/api/v1/requests',
	slots: (serviceId: string) => `/api/v1/slots?serviceId=${at(serviceId)}`,
	myData: '/api/v1/my-data',
	tabletCode: '/api/v1/tablet-code',
	prefs: '/api/v1/prefs',
	pushKey: '/api/v1/push-key',
	/** Her papers' pages, sent with tus; a page's address is this and its id. */
	pages: '/api/v1/pages',
	/** A page she sent, back to this tablet once the town hall holds it ("Mes données"). */
	ownPage: (id: string) => `/api/v1/pages/${at(id)}`,
	staffMe: '/api/v1/staff/me',
	/** `search`: the inbox's filters as the page's own query string ("?etat=received"). */
	staffRequests: (search: string) => `/api/v1/staff/requests${search}`,
	staffRequest: (id: string) => `/api/v1/staff/requests/${at(id)}`,
	/** A page of a request's papers: a photo re-encoded at a size and turned, or the original. */
	staffPage: (requestId: string, pageId: string, view: PageView, quarterTurns = 0) =>
		`/api/v1/staff/requests/${at(requestId)}/pages/${at(pageId)}?view=${view}` +
		(quarterTurns ? `&turn=${quarterTurns}` : ''),
	/** The whole request as one PDF: her answers, then every page. */
	staffDossier: (requestId: string) => `/api/v1/staff/requests/${at(requestId)}/dossier`
} as const;

/** The body of a successful answer, checked against `schema`. */
export async function answerOf<S extends v.GenericSchema>(
	response: Response,
	schema: S
): Promise<v.InferOutput<S>> {
	return v.parse(schema, await response.json());
}
