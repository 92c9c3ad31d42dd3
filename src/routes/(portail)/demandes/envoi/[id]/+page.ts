import { error } from '@sveltejs/kit';
import { allFields } from '$lib/forms/answers';
import { portalDb } from '$lib/offline/db';

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const item = await portalDb().outbox.get(params.id);
	if (!item || item.type !== 'request.submit') error(404, 'errors.sendingNotFound');
	// Her questions' wording, so that a refusal can say which answer to correct.
	const form = await portalDb().forms.get(item.payload.formId);
	return {
		id: params.id,
		form,
		fields: form ? allFields(form) : [],
		title: `${i18n.t('forms.confirmationTitle')} – ${item.label}`
	};
}
