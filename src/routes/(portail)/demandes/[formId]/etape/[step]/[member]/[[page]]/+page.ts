import { error } from '@sveltejs/kit';
import { formContext } from '$lib/forms/device-forms';
import { memberPages, memberTitle } from '$lib/forms/groups';

/**
 * One person of a repeated block, a page of their questions at a time: ".../etape/3/2" is the
 * block of step 3, its second person, first page; ".../etape/3/2/4" that person's fourth page.
 */
export async function load({ params, parent }) {
	const { i18n } = await parent();
	const context = await formContext(params.formId);
	const number = Number(params.step);
	const index = Number(params.member) - 1;
	const page = params.page === undefined ? 1 : Number(params.page);
	const step = context.form.steps[number - 1];
	const repeat = step?.repeat;
	const pages = step ? memberPages(step.fields) : [];
	const first = pages[page - 1]?.[0];
	if (!step || !repeat || !Number.isInteger(index) || index < 0 || index >= repeat.max || !first)
		error(404, 'errors.stepNotFound');
	return {
		...context,
		number,
		index,
		page,
		step: { ...step, repeat },
		title: [first.label, memberTitle(repeat, index), step.title, context.form.title]
			.map((text) => i18n.pick(text))
			.join(' – ')
	};
}
