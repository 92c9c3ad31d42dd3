import * as v from 'valibot';
import { uuid } from './primitives';

// A document question's answer on the wire: the pages she photographed or chose, each named by
// the tablet and known by its content's SHA-256, so the server can tell a page arrived whole.

/** What a page is kept as: a photo re-encoded on the tablet, or a PDF as she chose it. */
export const PAGE_TYPES = ['image/jpeg', 'application/pdf'] as const;
/** A page's bytes at most, once prepared on the tablet (a photo is far smaller). */
export const PAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Pages of one document at most (a tax notice has 4, a judgment perhaps 8). */
export const DOCUMENT_MAX_PAGES = 10;
/**
 * One request's papers at most, every document together: what an agent's complete PDF holds in
 * memory, and what one tablet can make the town hall keep for one request (a household of six's
 * identity papers, tax notices and family book fit in a third of it).
 */
export const REQUEST_MAX_PAGES = 80;
export const REQUEST_MAX_BYTES = 80 * 1024 * 1024;
/** A photo's long side, in pixels, once prepared: readable when printed, light to send. */
export const PAGE_LONG_SIDE = 2000;

export const documentPageSchema = v.strictObject({
	id: uuid,
	sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
	size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(PAGE_MAX_BYTES)),
	type: v.picklist(PAGE_TYPES)
});

export const documentAnswerSchema = v.strictObject({
	pages: v.pipe(v.array(documentPageSchema), v.maxLength(DOCUMENT_MAX_PAGES))
});

export type DocumentPage = v.InferOutput<typeof documentPageSchema>;
export type DocumentAnswer = v.InferOutput<typeof documentAnswerSchema>;

/**
 * What a document question asks for. `identity` papers (an identity card, a passport, a residence
 * permit) are erased as soon as the request is decided; the others follow the request's retention.
 */
export const DOCUMENT_KINDS = [
	'identity',
	'tax',
	'resources',
	'family',
	'judgment',
	'housing',
	'other'
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Why the town hall refuses a page that arrived whole (the tablet says it in her words). */
export const PAGE_REFUSALS = [
	'pageDamaged',
	'pageTypeMismatch',
	'pageUnreadable',
	'pageEncrypted',
	'pageActive',
	'pageMetadata'
] as const;
export type PageRefusal = (typeof PAGE_REFUSALS)[number];

/** How staff ask for a page: a photo's thumbnail or large view, or the original as sent. */
export const PAGE_VIEWS = ['thumbnail', 'large', 'original'] as const;
export type PageView = (typeof PAGE_VIEWS)[number];
