import { database } from '$lib/server/context';
import { apiError } from '$lib/server/http';
import { requireStaff } from '$lib/server/staff/guard';
import { staffPage } from '$lib/server/documents/staff-pages';
import { PAGE_VIEWS, type PageView } from '$lib/contract/documents';

/** A page of a request's papers, for staff only (`staffPage` says how it is given). */
export async function GET({ locals, params, url }) {
	const staff = requireStaff(locals);
	const view = url.searchParams.get('view') ?? 'large';
	const turn = Number(url.searchParams.get('turn') ?? 0);
	if (!(PAGE_VIEWS as readonly string[]).includes(view) || ![0, 1, 2, 3].includes(turn)) {
		return apiError(400, 'invalid_view', 'view is thumbnail, large or original; turn 0 to 3.');
	}
	const where = { requestId: params.id, pageId: params.pageId };
	const answer = await staffPage(await database(), staff, where, view as PageView, turn);
	if (answer === null) return apiError(404, 'not_found', 'No such page in this request.');
	if (answer === 'notAnImage') return apiError(415, 'not_an_image', 'This page is a PDF.');
	return answer;
}
