import { database } from '$lib/server/context';
import { apiError } from '$lib/server/http';
import { requireStaff } from '$lib/server/staff/guard';
import { audit } from '$lib/server/journal/audit';
import { heldPage, renderPage } from '$lib/server/documents/staff-pages';
import { pageStream } from '$lib/server/documents/page-store';
import { PAGE_VIEWS, type PageView } from '$lib/contract/client';

/**
 * What a browser may do with a page it is shown: nothing. Whatever the bytes hold, the answer
 * runs no script, loads nothing and is shown in no frame of another site.
 */
const SHOWN = {
	'content-security-policy': "default-src 'none'; sandbox",
	'cache-control': 'private, no-store',
	'x-content-type-options': 'nosniff'
};

/**
 * A page of a request's papers, for staff only: a photo as a rendition made here (the thumbnail in
 * the request, the viewer's large page, turned by quarter turns), or the original as it was sent,
 * always as a download (a PDF is never opened in the staff area's own origin). Opening a page
 * large and downloading it are written in the access journal; thumbnails come with the request's
 * reading, which is.
 */
export async function GET({ locals, params, url }) {
	const staff = requireStaff(locals);
	const view = url.searchParams.get('view') ?? 'large';
	const turn = Number(url.searchParams.get('turn') ?? 0);
	if (!(PAGE_VIEWS as readonly string[]).includes(view) || ![0, 1, 2, 3].includes(turn)) {
		return apiError(400, 'invalid_view', 'view is thumbnail, large or original; turn 0 to 3.');
	}
	const db = await database();
	const page = await heldPage(db, params.id, params.pageId);
	if (!page) return apiError(404, 'not_found', 'No such page in this request.');
	if ((view as PageView) !== 'thumbnail') {
		await audit(db, {
			staffUserId: staff.id,
			action: 'request.page',
			subjectType: 'request',
			subjectId: params.id
		});
	}
	if (view === 'original' || page.type !== 'image/jpeg') {
		if (view !== 'original') return apiError(415, 'not_an_image', 'This page is a PDF.');
		const extension = page.type === 'application/pdf' ? 'pdf' : 'jpg';
		return new Response(pageStream(db, page.id), {
			headers: {
				...SHOWN,
				'content-type': page.type,
				'content-length': String(page.size),
				'content-disposition': `attachment; filename="page-${page.id}.${extension}"`
			}
		});
	}
	const rendition = await renderPage(
		db,
		page.id,
		view === 'thumbnail' ? 'thumbnail' : 'large',
		turn
	);
	return new Response(new Uint8Array(rendition), {
		headers: {
			...SHOWN,
			'content-type': 'image/jpeg',
			'content-disposition': 'inline'
		}
	});
}
