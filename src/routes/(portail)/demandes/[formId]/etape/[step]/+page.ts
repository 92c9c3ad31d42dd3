import { error } from '@sveltejs/kit';
import { formContext } from '$lib/forms/device-forms';

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const context = await formContext(params.formId);
	const number = Number(params.step);
	const step = context.form.steps[number - 1];
	if (!Number.isInteger(number) || !step) error(404, 'errors.stepNotFound');
	return {
		...context,
		number,
		step,
		title: `${i18n.pick(step.title)} – ${i18n.pick(context.form.title)}`
	};
}
