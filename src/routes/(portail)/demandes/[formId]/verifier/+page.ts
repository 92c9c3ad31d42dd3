import { redirect } from '@sveltejs/kit';
import { formContext } from '$lib/forms/device-forms';

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const context = await formContext(params.formId);
	// Nothing to check without a draft (e.g. after sending): back to the start of the request.
	if (!context.draft) redirect(307, `/demandes/${params.formId}`);
	return {
		...context,
		draft: context.draft,
		title: `${i18n.t('forms.checkTitle')} – ${i18n.pick(context.form.title)}`
	};
}
