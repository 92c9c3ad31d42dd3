import { error } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { formEditState } from '$lib/server/catalogue/form-edit';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

/** The form as a tablet would ask it (the draft, else the published version), to try its conditions. */
export async function load({ locals, params }) {
	requireStaff(locals, 'admin');
	const state = await formEditState(await database(), params.id);
	const form = state?.draft?.form ?? state?.live?.form;
	if (!state || !form) error(404, 'Not found');
	return {
		title: staffTranslator('fr').t('staff.preview.title', { service: state.service.title.fr }),
		serviceId: params.id,
		isDraft: Boolean(state.draft),
		form: { ...form, version: state.live?.form.version ?? 0 }
	};
}
