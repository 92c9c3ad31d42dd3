import type { Db } from '../db/open';
import { pageStream } from './page-store';

/**
 * What a browser may do with a page of her papers it is given: nothing. Whatever the bytes hold,
 * the answer runs no script, loads nothing, is guessed as no other type and kept in no cache.
 */
const INERT = {
	'content-security-policy': "default-src 'none'; sandbox",
	'cache-control': 'private, no-store',
	'x-content-type-options': 'nosniff'
};

/** A page as it was sent, streamed from the store, always as a file to save (never opened here). */
export function pageDownload(db: Db, page: { id: string; type: string; size: number }) {
	const extension = page.type === 'application/pdf' ? 'pdf' : 'jpg';
	return new Response(pageStream(db, page.id), {
		headers: {
			...INERT,
			'content-type': page.type,
			'content-length': String(page.size),
			'content-disposition': `attachment; filename="page-${page.id}.${extension}"`
		}
	});
}

/** A rendition made by the server (a JPEG it encoded itself), shown in the staff area. */
export function renditionAnswer(jpeg: Buffer) {
	return new Response(new Uint8Array(jpeg), {
		headers: { ...INERT, 'content-type': 'image/jpeg', 'content-disposition': 'inline' }
	});
}

/** A PDF the server wrote (the complete file), as a file to save. */
export function pdfDownload(bytes: Uint8Array, filename: string) {
	return new Response(new Uint8Array(bytes), {
		headers: {
			...INERT,
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename}"`
		}
	});
}
