import { error, fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import {
	changeDraft,
	earlierQuestions,
	earlierSteps,
	FormEditProblem,
	formEditState,
	putQuestion
} from '$lib/server/catalogue/form-edit';
import { questionFromInput, questionValues } from '$lib/server/catalogue/form-question';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

/** The step and question the address names; a 404 when either is not in the form being edited. */
async function target(serviceId: string, url: URL) {
	const state = await formEditState(await database(), serviceId);
	const form = state?.draft?.form ?? state?.live?.form;
	const stepIndex = Number(url.searchParams.get('etape'));
	const step = form?.steps[stepIndex];
	if (!state || !form || !step || !Number.isInteger(stepIndex)) error(404, 'Not found');
	const name = url.searchParams.get('champ');
	const field = name ? step.fields.find((f) => f.name === name) : undefined;
	if (name && !field) error(404, 'Not found');
	// In a repeated step, her own questions before it: what a person's answer may start from.
	const hers = step.repeat ? earlierSteps(form, stepIndex) : null;
	return {
		state,
		step,
		stepIndex,
		field,
		name,
		hers,
		earlier: earlierQuestions(form, stepIndex, name)
	};
}

export async function load({ locals, params, url }) {
	requireStaff(locals, 'admin');
	const { state, step, stepIndex, field, earlier, hers } = await target(params.id, url);
	const t = staffTranslator('fr').t;
	return {
		title: field
			? t('staff.question.editTitle', { question: field.label.fr })
			: t('staff.question.newTitle', { n: stepIndex + 1 }),
		serviceId: params.id,
		serviceTitle: state.service.title.fr,
		stepTitle: step.title.fr ?? '',
		stepNumber: stepIndex + 1,
		isNew: !field,
		values: questionValues(field, earlier),
		// What a condition may name, as the page lists them.
		earlier: earlier.map((f) => ({ name: f.name, label: f.label.fr ?? f.name })),
		hers: hers?.map((f) => ({ name: f.name, label: f.label.fr ?? f.name })) ?? null
	};
}

export const actions = {
	default: async ({ locals, params, request, url }) => {
		const staff = requireStaff(locals, 'admin');
		const { stepIndex, field: previous, name, earlier, hers } = await target(params.id, url);
		const raw = Object.fromEntries(
			[...(await formOf(request))].map(([k, value]) => [k, String(value)])
		);
		const result = questionFromInput(raw, previous, earlier, hers);
		if (!result.field) return fail(400, { values: raw, errors: result.errors });
		const field = result.field;
		try {
			await changeDraft(await database(), params.id, staff.id, (form) => {
				putQuestion(form, stepIndex, name, field);
			});
		} catch (problem) {
			if (problem instanceof FormEditProblem) error(404, 'Not found');
			throw problem;
		}
		redirect(303, `/pro/catalogue/${params.id}/formulaire?fait=question`);
	}
};
