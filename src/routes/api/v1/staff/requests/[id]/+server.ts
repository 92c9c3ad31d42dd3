import { json } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { apiError } from '$lib/server/http';
import { requireStaff } from '$lib/server/staff/guard';
import { requestDetail } from '$lib/server/requests/detail';

/** One request with its answers and history; the read is written to the access journal. */
export async function GET({ locals, params }) {
	const staff = requireStaff(locals);
	const detail = await requestDetail(await database(), staff, params.id);
	if (!detail) return apiError(404, 'not_found', 'No such request.');
	return json(detail, { headers: { 'cache-control': 'private, no-store' } });
}
