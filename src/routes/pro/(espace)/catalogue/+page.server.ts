import { fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import { servicesForEditing, setServicePublished } from '$lib/server/catalogue/edit';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	requireStaff(locals, 'admin');
	return {
		title: staffTranslator('fr').t('staff.catalogue.title'),
		services: await servicesForEditing(await database()),
		changed: url.searchParams.get('change')
	};
}

export const actions = {
	publish: async ({ locals, request }) => {
		requireStaff(locals, 'admin');
		const form = await formOf(request);
		const id = String(form.get('id') ?? '');
		const published = form.get('published') === 'yes';
		if (!(await setServicePublished(await database(), id, published))) return fail(404, { id });
		redirect(303, `/pro/catalogue?change=${published ? 'publie' : 'retire'}#service-${id}`);
	}
};
