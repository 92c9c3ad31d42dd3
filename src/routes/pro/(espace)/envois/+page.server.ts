import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { noticeOverview, retryNotice } from '$lib/server/notices/overview';
import { audit } from '$lib/server/staff/audit';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	const staff = requireStaff(locals);
	const db = await database();
	const overview = await noticeOverview(db, new Date());
	const letters = await db
		.selectFrom('notices')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('channel', '=', 'post')
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	await audit(db, {
		staffUserId: staff.id,
		action: 'notices.list',
		subjectType: 'notice',
		subjectId: 'all'
	});
	return {
		title: staffTranslator('fr').t('staff.sendings.title'),
		...overview,
		letters: Number(letters.n),
		retried: url.searchParams.has('reessaye')
	};
}

export const actions = {
	default: async ({ locals, request }) => {
		const staff = requireStaff(locals);
		const id = String((await request.formData()).get('notice') ?? '').slice(0, 200);
		if (!(await retryNotice(await database(), id, staff.id))) return fail(404, { id });
		redirect(303, '/pro/envois?reessaye');
	}
};
