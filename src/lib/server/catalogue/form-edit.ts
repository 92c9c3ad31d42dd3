import type { Transaction } from 'kysely';
import type { Service } from '$lib/catalogue/types';

/** A service as its row holds it: its version is the row's change counter. */
type StoredService = Omit<Service, 'version'>;
import type { FormDefinition, FormField, RepeatGroup } from '$lib/forms/types';
import { conditionProblems } from '$lib/forms/conditions';
import { onceFields } from '$lib/forms/groups';
import { reserveVersions } from '../db/counters';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { CATALOGUE_COUNTER, recordFormVersion } from './import';
import { slugOf, writeService } from './edit';
import { decodeDraftForm, decodeForm, decodeService } from './columns';

// Administrators edit a service's online form as a draft; publishing makes it the next version
// (kept in form_versions, so requests already sent are still read against the form they filled
// in) and the next catalogue version, so tablets receive it in their delta.

export type DraftForm = Omit<FormDefinition, 'version'> & { position: number };

export interface FormEditState {
	service: StoredService & { published: boolean };
	live: { form: FormDefinition; withdrawn: boolean } | null;
	draft: { form: DraftForm; updatedAt: string; updatedBy: string } | null;
}

type Reader = Db | Transaction<Database>;

async function serviceRow(db: Reader, serviceId: string) {
	const row = await db
		.selectFrom('catalogue_services')
		.select(['data', 'deleted'])
		.where('id', '=', serviceId)
		.executeTakeFirst();
	return row ? { service: decodeService(row.data), deleted: row.deleted } : undefined;
}

/** The service's form as published, withdrawn or not. A withdrawn one is no longer named by its service. */
async function liveForm(db: Reader, serviceId: string, formId: string | undefined) {
	const columns = ['id', 'data', 'deleted'] as const;
	// The service names its form: one lookup. A withdrawn form is no longer named by its service,
	// and only then are the forms read to find the one that belonged to it.
	const row = formId
		? await db
				.selectFrom('catalogue_forms')
				.select(columns)
				.where('id', '=', formId)
				.executeTakeFirst()
		: (await db.selectFrom('catalogue_forms').select(columns).execute()).find(
				(r) => decodeForm(r.data).serviceId === serviceId
			);
	return row ? { form: decodeForm(row.data), row } : undefined;
}

export async function formEditState(db: Db, serviceId: string): Promise<FormEditState | null> {
	const found = await serviceRow(db, serviceId);
	if (!found) return null;
	const live = await liveForm(db, serviceId, found.service.formId);
	const draft = await db
		.selectFrom('form_drafts as d')
		.leftJoin('staff_users as u', 'u.id', 'd.updated_by')
		.select(['d.data', 'd.updated_at', 'u.display_name'])
		.where('d.service_id', '=', serviceId)
		.executeTakeFirst();
	return {
		service: { ...found.service, published: found.deleted === 0 },
		live: live
			? { form: live.form, withdrawn: live.row.deleted === 1 || !found.service.formId }
			: null,
		draft: draft
			? {
					form: decodeDraftForm(draft.data),
					updatedAt: draft.updated_at,
					updatedBy: draft.display_name ?? ''
				}
			: null
	};
}

/** What a new online form starts with: who she is and how to call her back, then her question. */
function starterForm(service: StoredService, formId: string, position: number): DraftForm {
	return {
		id: formId,
		serviceId: service.id,
		title: { fr: service.title.fr },
		position,
		steps: [
			{
				title: { fr: 'Vous' },
				fields: [
					{
						name: 'nom',
						type: 'text',
						label: { fr: 'Votre nom et prénom' },
						required: true,
						max: 200,
						prefill: 'name',
						autocomplete: 'name'
					},
					{
						name: 'telephone',
						type: 'tel',
						label: { fr: 'Votre numéro de téléphone' },
						hint: { fr: 'Nous vous appellerons à ce numéro.' },
						required: true,
						prefill: 'phone',
						autocomplete: 'tel'
					}
				]
			},
			{
				title: { fr: 'Votre demande' },
				fields: [
					{
						name: 'demande',
						type: 'textarea',
						label: { fr: 'Votre demande, en quelques mots' },
						required: false,
						max: 2000
					}
				]
			}
		]
	};
}

export class FormEditProblem extends Error {
	constructor(readonly code: string) {
		super(code);
	}
}

/** Starts a draft: a copy of the published form, or a new form when the service has none. */
async function draftOf(trx: Transaction<Database>, serviceId: string): Promise<DraftForm> {
	const existing = await trx
		.selectFrom('form_drafts')
		.select('data')
		.where('service_id', '=', serviceId)
		.executeTakeFirst();
	if (existing) return decodeDraftForm(existing.data);
	const found = await serviceRow(trx, serviceId);
	if (!found) throw new FormEditProblem('unknownService');
	const live = await liveForm(trx, serviceId, found.service.formId);
	if (live) {
		// The stored record keeps the catalogue file's position beside its version.
		const copy: DraftForm & { version?: number } = {
			position: 0,
			...(live.form as FormDefinition & Partial<DraftForm>)
		};
		delete copy.version;
		return copy;
	}
	const taken = new Set(
		(await trx.selectFrom('catalogue_forms').select('id').execute()).map((r) => r.id)
	);
	let formId = slugOf(found.service.id);
	for (let n = 2; taken.has(formId); n++) formId = `${slugOf(found.service.id)}-${n}`;
	const last = await trx
		.selectFrom('catalogue_forms')
		.select((eb) => eb.fn.max('position').as('position'))
		.executeTakeFirst();
	return starterForm(found.service, formId, Number(last?.position ?? -1) + 1);
}

/** Applies one change to the service's draft (made on first change) in a transaction. */
export async function changeDraft(
	db: Db,
	serviceId: string,
	staffId: string,
	change: (form: DraftForm) => void,
	now = new Date()
): Promise<DraftForm> {
	return db.transaction().execute(async (trx) => {
		const form = await draftOf(trx, serviceId);
		change(form);
		const row = {
			service_id: serviceId,
			form_id: form.id,
			data: JSON.stringify(form),
			updated_at: now.toISOString(),
			updated_by: staffId
		};
		await trx
			.insertInto('form_drafts')
			.values(row)
			.onConflict((oc) => oc.column('service_id').doUpdateSet(row))
			.execute();
		return form;
	});
}

/** A field name answers are stored under: made once from the first label, never changed after. */
export function fieldNameFor(label: string, form: Pick<DraftForm, 'steps'>): string {
	const taken = new Set(
		form.steps.flatMap((s) => [
			...s.fields.map((f) => f.name),
			...(s.repeat ? [s.repeat.name] : [])
		])
	);
	let base = slugOf(label).slice(0, 30).replace(/-+$/, '');
	if (!/^[a-z]/.test(base)) base = `q-${base}`.slice(0, 30);
	let name = base;
	for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
	return name;
}

/** The step's question list, or a problem the page can name. */
export function stepOf(form: Pick<DraftForm, 'steps'>, index: number) {
	const step = form.steps[index];
	if (!step) throw new FormEditProblem('unknownStep');
	return step;
}

/**
 * The questions asked before a step's question (`name`), or before a new one added at the end of
 * the step (null): the only ones its condition may name.
 */
export function earlierQuestions(
	form: Pick<DraftForm, 'steps'>,
	stepIndex: number,
	name: string | null
) {
	const fields = stepOf(form, stepIndex).fields;
	const at = name === null ? fields.length : fields.findIndex((f) => f.name === name);
	return [...earlierSteps(form, stepIndex), ...fields.slice(0, at)];
}

/**
 * The questions of the steps before a step: the only ones the step's own condition may name. A
 * repeated block's questions are asked once per person, so nothing after the block names them.
 */
export const earlierSteps = (form: Pick<DraftForm, 'steps'>, stepIndex: number) =>
	onceFields({ steps: form.steps.slice(0, stepIndex) });

/** How a step is repeated, as the office sets it; null asks the step once. */
export type RepeatInput = Omit<RepeatGroup, 'name'> | null;

/**
 * Asks a step once per person she adds, or once again. The block keeps its name (her answers are
 * stored under it) when its words or counts change; a new block is named from the step's title.
 */
export function setRepeat(form: DraftForm, stepIndex: number, repeat: RepeatInput) {
	const step = stepOf(form, stepIndex);
	if (!repeat) {
		delete step.repeat;
		return;
	}
	const name = step.repeat?.name ?? fieldNameFor(step.title.fr ?? 'personnes', form);
	step.repeat = {
		...repeat,
		name,
		// Other languages' words are kept; they are reviewed apart, as a question's are.
		itemTitle: { ...step.repeat?.itemTitle, ...repeat.itemTitle },
		addLabel: { ...step.repeat?.addLabel, ...repeat.addLabel }
	};
}

export function moveQuestion(form: DraftForm, stepIndex: number, name: string, by: -1 | 1) {
	const fields = stepOf(form, stepIndex).fields;
	const at = fields.findIndex((f) => f.name === name);
	const to = at + by;
	if (at < 0 || to < 0 || to >= fields.length) return;
	fields.splice(to, 0, ...fields.splice(at, 1));
}

export function removeQuestion(form: DraftForm, stepIndex: number, name: string) {
	const step = stepOf(form, stepIndex);
	step.fields = step.fields.filter((f) => f.name !== name);
}

/** Replaces the question named `name` (or adds it at the end of the step when null). */
export function putQuestion(
	form: DraftForm,
	stepIndex: number,
	name: string | null,
	field: Omit<FormField, 'name'>
): string {
	const step = stepOf(form, stepIndex);
	if (name === null) {
		const created = { name: fieldNameFor(field.label.fr ?? '', form), ...field };
		step.fields.push(created);
		return created.name;
	}
	const at = step.fields.findIndex((f) => f.name === name);
	const before = step.fields[at];
	if (!before) throw new FormEditProblem('unknownQuestion');
	// Other languages' wording is kept; they were written for the old French and are reviewed apart.
	step.fields[at] = {
		...field,
		name,
		label: { ...before.label, ...field.label },
		...(field.hint ? { hint: { ...before.hint, ...field.hint } } : {})
	};
	return name;
}

/** What stops a draft from being published, as codes with the step (0-based) they concern. */
export function publishProblems(
	form: DraftForm
): { code: string; step?: number; question?: string; on?: string }[] {
	const problems: { code: string; step?: number; question?: string; on?: string }[] = [];
	if (form.steps.length === 0) problems.push({ code: 'noStep' });
	form.steps.forEach((step, index) => {
		if (step.fields.length === 0) problems.push({ code: 'emptyStep', step: index });
	});
	// A condition on a question moved after it, or removed since: refused, in the office's words.
	const label = (name: string | undefined) =>
		form.steps.flatMap((s) => s.fields).find((f) => f.name === name)?.label.fr ??
		form.steps.find((s) => s.repeat?.name === name)?.title.fr ??
		'';
	for (const problem of conditionProblems(form)) {
		problems.push({
			code: problem.code,
			step: problem.step - 1,
			question: problem.field ? label(problem.field) : form.steps[problem.step - 1]?.title.fr,
			on: label(problem.on)
		});
	}
	return problems;
}

/**
 * Publishes the draft as the form's next version. The form follows its service: on tablets
 * only while the service is, and its service names it again if it had been withdrawn.
 */
export async function publishDraft(db: Db, serviceId: string, now = new Date()) {
	return db.transaction().execute(async (trx) => {
		const draft = await trx
			.selectFrom('form_drafts')
			.select('data')
			.where('service_id', '=', serviceId)
			.executeTakeFirst();
		const found = await serviceRow(trx, serviceId);
		if (!draft || !found) throw new FormEditProblem('noDraft');
		const form = decodeDraftForm(draft.data);
		const problems = publishProblems(form);
		if (problems.length) return { problems };
		const { version, data } = await recordFormVersion(trx, form, now.toISOString());
		const row = {
			id: form.id,
			position: form.position,
			data,
			version: await reserveVersions(trx, CATALOGUE_COUNTER, 1),
			deleted: found.deleted
		};
		await trx
			.insertInto('catalogue_forms')
			.values(row)
			.onConflict((oc) => oc.column('id').doUpdateSet(row))
			.execute();
		await nameForm(trx, found.service, form.id, found.deleted);
		await trx.deleteFrom('form_drafts').where('service_id', '=', serviceId).execute();
		return { problems: [], version };
	});
}

/** The service page offers the form (or stops offering it): a new service version for tablets. */
async function nameForm(
	trx: Transaction<Database>,
	service: StoredService,
	formId: string | undefined,
	deleted: number
) {
	if (service.formId === formId) return;
	const next: Omit<Service, 'version'> & { version?: number } = { ...service };
	delete next.version;
	if (formId) next.formId = formId;
	else delete next.formId;
	await writeService(trx, next, deleted === 1 ? 1 : 0);
}

export async function discardDraft(db: Db, serviceId: string) {
	await db.deleteFrom('form_drafts').where('service_id', '=', serviceId).execute();
}

/** Withdrawn, the form leaves tablets and its service stops offering it; brought back, both return. */
export async function setFormOnline(db: Db, serviceId: string, online: boolean) {
	return db.transaction().execute(async (trx) => {
		const found = await serviceRow(trx, serviceId);
		const live = found && (await liveForm(trx, serviceId, found.service.formId));
		if (!found || !live) return false;
		await trx
			.updateTable('catalogue_forms')
			.set({
				deleted: online ? found.deleted : 1,
				version: await reserveVersions(trx, CATALOGUE_COUNTER, 1)
			})
			.where('id', '=', live.form.id)
			.execute();
		await nameForm(trx, found.service, online ? live.form.id : undefined, found.deleted);
		return true;
	});
}
