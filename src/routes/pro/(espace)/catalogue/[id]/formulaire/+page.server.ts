import { error, fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import {
	changeDraft,
	discardDraft,
	FormEditProblem,
	formEditState,
	moveQuestion,
	publishDraft,
	removeQuestion,
	setFormOnline,
	earlierSteps,
	setRepeat,
	stepOf,
	type DraftForm
} from '$lib/server/catalogue/form-edit';
import { repeatFromInput, repeatValues } from '$lib/server/catalogue/form-repeat';
import { requireStaff } from '$lib/server/staff/guard';
import {
	conditionFromInput,
	conditionValues,
	conditionWords
} from '$lib/server/catalogue/form-condition';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, params, url }) {
	requireStaff(locals, 'admin');
	const state = await formEditState(await database(), params.id);
	if (!state) error(404, 'Not found');
	const form = state.draft?.form ?? state.live?.form ?? null;
	const all = form?.steps.flatMap((s) => s.fields) ?? [];
	const t = staffTranslator('fr').t;
	return {
		title: t('staff.formEdit.title', { service: state.service.title.fr }),
		serviceId: params.id,
		serviceTitle: state.service.title.fr,
		servicePublished: state.service.published,
		live: state.live ? { version: state.live.form.version, withdrawn: state.live.withdrawn } : null,
		draft: state.draft ? { updatedAt: state.draft.updatedAt, by: state.draft.updatedBy } : null,
		form: form && {
			title: form.title.fr ?? '',
			steps: form.steps.map((step, index) => ({
				title: step.title.fr ?? '',
				shownIf: step.showIf ? conditionWords(step.showIf, all, t) : null,
				// What a step's condition may name: the questions of the steps before it.
				earlier: earlierSteps(form, index).map((f) => ({ name: f.name, label: f.label.fr ?? '' })),
				conditionValues: conditionValues(step.showIf, earlierSteps(form, index)),
				repeat: repeatValues(step.repeat),
				fields: step.fields.map((f) => ({
					shownIf: f.showIf ? conditionWords(f.showIf, all, t) : null,
					name: f.name,
					label: f.label.fr ?? '',
					type: f.type,
					required: f.required,
					prefill: f.prefill ?? null,
					sameAs: f.sameAs ? (all.find((q) => q.name === f.sameAs)?.label.fr ?? f.sameAs) : null,
					startsPage: f.startsPage === true,
					options: (f.options ?? []).map((o) => o.label.fr ?? '')
				}))
			}))
		},
		done: url.searchParams.get('fait')
	};
}

const title = (value: FormDataEntryValue | null) => String(value ?? '').trim();
const validTitle = (text: string) => text.length >= 2 && text.length <= 120;

/**
 * One change to the draft from a small form on the page; the page comes back with what was done.
 * A step or question that is not there (a stale page) is a 404, not a silent success.
 */
async function edit(
	locals: App.Locals,
	serviceId: string,
	done: string,
	change: (form: DraftForm) => void
) {
	const staff = requireStaff(locals, 'admin');
	try {
		await changeDraft(await database(), serviceId, staff.id, change);
	} catch (problem) {
		if (problem instanceof FormEditProblem) error(404, 'Not found');
		throw problem;
	}
	redirect(303, `/pro/catalogue/${serviceId}/formulaire?fait=${done}`);
}

export const actions = {
	start: async ({ locals, params }) => edit(locals, params.id, 'start', () => undefined),
	title: async ({ locals, params, request }) => {
		const text = title((await formOf(request)).get('formTitle'));
		if (!validTitle(text)) return fail(400, { action: 'title', errors: ['formTitle'], text });
		return edit(locals, params.id, 'title', (form) => {
			form.title = { ...form.title, fr: text };
		});
	},
	addStep: async ({ locals, params, request }) => {
		const text = title((await formOf(request)).get('newStep'));
		if (!validTitle(text)) return fail(400, { action: 'addStep', errors: ['newStep'], text });
		return edit(locals, params.id, 'addStep', (form) => {
			form.steps.push({ title: { fr: text }, fields: [] });
		});
	},
	renameStep: async ({ locals, params, request }) => {
		const data = await formOf(request);
		const step = Number(data.get('step'));
		const text = title(data.get(`step-${step}`));
		if (!validTitle(text)) {
			return fail(400, { action: 'renameStep', errors: [`step-${step}`], text, step });
		}
		return edit(locals, params.id, 'renameStep', (form) => {
			const found = stepOf(form, step);
			found.title = { ...found.title, fr: text };
		});
	},
	removeStep: async ({ locals, params, request }) => {
		const step = Number((await formOf(request)).get('step'));
		return edit(locals, params.id, 'removeStep', (form) => {
			// Only an empty step goes, and never the last one: no question is lost by a slip.
			if (stepOf(form, step).fields.length === 0 && form.steps.length > 1) {
				form.steps.splice(step, 1);
			}
		});
	},
	move: async ({ locals, params, request }) => {
		const data = await formOf(request);
		const by = data.get('by') === 'up' ? -1 : 1;
		return edit(locals, params.id, 'move', (form) =>
			moveQuestion(form, Number(data.get('step')), String(data.get('name')), by)
		);
	},
	remove: async ({ locals, params, request }) => {
		const data = await formOf(request);
		return edit(locals, params.id, 'remove', (form) =>
			removeQuestion(form, Number(data.get('step')), String(data.get('name')))
		);
	},
	publish: async ({ locals, params }) => {
		requireStaff(locals, 'admin');
		const db = await database();
		if (!(await formEditState(db, params.id))?.draft) error(404, 'Not found');
		const result = await publishDraft(db, params.id);
		if (result.problems.length) {
			return fail(400, { action: 'publish', problems: result.problems });
		}
		redirect(303, `/pro/catalogue/${params.id}/formulaire?fait=publish`);
	},
	stepCondition: async ({ locals, params, request }) => {
		requireStaff(locals, 'admin');
		const data = await formOf(request);
		const step = Number(data.get('step'));
		const raw = Object.fromEntries([...data].map(([k, value]) => [k, String(value)]));
		const state = await formEditState(await database(), params.id);
		const current = state?.draft?.form ?? state?.live?.form;
		if (!current || !Number.isInteger(step) || !current.steps[step]) error(404, 'Not found');
		const { condition, errors } = conditionFromInput(raw, earlierSteps(current, step));
		if (errors.length) {
			return fail(400, { action: 'stepCondition', step, conditionErrors: errors, values: raw });
		}
		return edit(locals, params.id, 'stepCondition', (form) => {
			const found = stepOf(form, step);
			if (condition) found.showIf = condition;
			else delete found.showIf;
		});
	},
	stepRepeat: async ({ locals, params, request }) => {
		// Who may, before what was typed is even read: an agent is refused, not told his mistakes.
		requireStaff(locals, 'admin');
		const data = await formOf(request);
		const step = Number(data.get('step'));
		const raw = Object.fromEntries([...data].map(([k, value]) => [k, String(value)]));
		const { repeat, errors, values } = repeatFromInput(raw);
		if (errors.length)
			return fail(400, { action: 'stepRepeat', step, repeatErrors: errors, repeatValues: values });
		return edit(locals, params.id, 'stepRepeat', (form) => setRepeat(form, step, repeat));
	},
	discard: async ({ locals, params }) => {
		requireStaff(locals, 'admin');
		await discardDraft(await database(), params.id);
		redirect(303, `/pro/catalogue/${params.id}/formulaire?fait=discard`);
	},
	withdraw: async ({ locals, params }) => online(locals, params.id, false),
	republish: async ({ locals, params }) => online(locals, params.id, true)
};

async function online(locals: App.Locals, serviceId: string, on: boolean) {
	requireStaff(locals, 'admin');
	if (!(await setFormOnline(await database(), serviceId, on))) error(404, 'Not found');
	redirect(303, `/pro/catalogue/${serviceId}/formulaire?fait=${on ? 'republish' : 'withdraw'}`);
}
