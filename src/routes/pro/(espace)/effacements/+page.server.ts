import { fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import { carryOutErasure, pendingErasures } from '$lib/server/privacy/erasure';
import { audit } from '$lib/server/journal/audit';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	const staff = requireStaff(locals, 'admin');
	const db = await database();
	const erasures = await pendingErasures(db);
	// The list shows the names people gave: reading it is journaled like any other staff read.
	await audit(db, {
		staffUserId: staff.id,
		action: 'erasures.list',
		subjectType: 'device',
		subjectId: `${erasures.length}`
	});
	return {
		title: staffTranslator('fr').t('staff.erasures.title'),
		erasures,
		done: url.searchParams.get('efface')
	};
}

export const actions = {
	default: async ({ locals, request }) => {
		const staff = requireStaff(locals, 'admin');
		const form = await formOf(request);
		const id = String(form.get('id') ?? '');
		const reference = String(form.get('reference') ?? '');
		if (!(await carryOutErasure(await database(), id, staff.id))) {
			return fail(409, { gone: true });
		}
		redirect(303, `/pro/effacements?efface=${encodeURIComponent(reference)}`);
	}
};
