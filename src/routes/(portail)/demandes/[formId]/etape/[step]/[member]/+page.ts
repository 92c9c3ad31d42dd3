import { error } from '@sveltejs/kit';
import { formContext } from '$lib/forms/device-forms';
import { memberTitle } from '$lib/forms/groups';

/** One person of a repeated block: ".../etape/3/2" is the block of step 3, its second person. */
export async function load({ params, parent }) {
	const { i18n } = await parent();
	const context = await formContext(params.formId);
	const number = Number(params.step);
	const index = Number(params.member) - 1;
	const step = context.form.steps[number - 1];
	const repeat = step?.repeat;
	if (!step || !repeat || !Number.isInteger(index) || index < 0 || index >= repeat.max)
		error(404, 'errors.stepNotFound');
	return {
		...context,
		number,
		index,
		step: { ...step, repeat },
		title: `${i18n.pick(memberTitle(repeat, index))} – ${i18n.pick(step.title)} – ${i18n.pick(context.form.title)}`
	};
}
