import { formContext } from '$lib/forms/device-forms';

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const context = await formContext(params.formId);
	return { ...context, title: i18n.pick(context.form.title) };
}
