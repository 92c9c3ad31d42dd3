import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { carryOutErasure, pendingErasures } from '$lib/server/privacy/erasure';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	requireStaff(locals, 'admin');
	return {
		title: staffTranslator('fr').t('staff.erasures.title'),
		erasures: await pendingErasures(await database()),
		done: url.searchParams.get('efface')
	};
}

export const actions = {
	default: async ({ locals, request }) => {
		const staff = requireStaff(locals, 'admin');
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const reference = String(form.get('reference') ?? '');
		if (!(await carryOutErasure(await database(), id, staff.id))) {
			return fail(409, { gone: true });
		}
		redirect(303, `/pro/effacements?efface=${encodeURIComponent(reference)}`);
	}
};
