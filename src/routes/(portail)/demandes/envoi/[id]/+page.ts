import { requestSendingOr404 } from '$lib/forms/request-sending.svelte';

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const { item, form, fields } = await requestSendingOr404(params.id);
	return {
		id: params.id,
		form,
		fields,
		title: `${i18n.t('forms.confirmationTitle')} – ${item.label}`
	};
}
