import { API } from '$lib/contract/client';
import { requestDetailSchema } from '$lib/contract/staff';
import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';
import { readCopy } from '$lib/staff/offline/staff-copy';
import { staffGet } from '$lib/staff/staff-api';
import { staffTranslator } from '$lib/staff/translator';
import { pagesInOrder, staffDocuments } from '$lib/documents/request-documents';

/** One page of a request's papers, large: which document it is, where it stands among them all. */
export async function load({ fetch, params, url }) {
	const answer = await staffGet(fetch, API.staffRequest(params.id), requestDetailSchema, url);
	const detail = answer.offline ? (await readCopy(portalDb(), params.id))?.detail : answer.data;
	if (!detail) error(503, 'staff.offline.notLoaded');
	const i18n = staffTranslator('fr');
	// Every page in order, so "Page suivante" goes on to the next document's first.
	const all = pagesInOrder(staffDocuments(detail, i18n));
	const at = all.findIndex((page) => page.id === params.pageId);
	const page = all[at];
	if (!page) error(404, 'Not found');
	return {
		title: i18n.t('staff.documents.viewer.title', {
			document: page.document,
			page: page.number,
			count: page.count
		}),
		request: { id: detail.request.id, reference: detail.request.reference },
		page,
		held: detail.pages.some((p) => p.id === page.id),
		previous: all[at - 1]?.id ?? null,
		next: all[at + 1]?.id ?? null
	};
}
