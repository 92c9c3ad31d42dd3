import type { Contact, Localized, Service, Theme } from '$lib/catalogue/types';
import type { AppointmentMode } from '$lib/appointments/types';
import type { FormDefinition, FormField } from '$lib/forms/types';
import type { CatalogueFile } from '$lib/catalogue/file-schema';
import { conditionProblems, type ConditionProblem } from '$lib/forms/conditions';

type FileText = string | Record<string, string>;

/** A condition the import refuses, said to whoever wrote the commune's file. */
const CONDITION_WORDS: Record<ConditionProblem['code'], string> = {
	conditionUnknownField: 'names no question of the form',
	conditionLaterField: 'must name a question asked before it',
	conditionUnknownChoice: 'names a choice that question does not offer',
	conditionNotANumber: 'compares a number, but that question is not a number',
	conditionNotADate: 'reads an age, but that question is not a date',
	conditionMemberField: 'names a question of a repeated block, asked once per person',
	conditionGroupCount: 'can only count the people of a repeated block (answered, lt, gt…)',
	sameAsUnknown: 'must name a question of the same kind asked once, before the block'
};

export function localize(value: FileText | undefined): Localized {
	if (value === undefined) return { fr: '' };
	if (typeof value === 'string') return { fr: value };
	return { ...value, fr: value.fr ?? '' };
}

function contactOf(
	file: CatalogueFile,
	ref: CatalogueFile['services'][number]['contact']
): Contact {
	const raw = typeof ref === 'string' ? file.contacts[ref] : ref;
	if (!raw) throw new Error(`Unknown contact "${String(ref)}"`);
	const contact: Contact = { name: localize(raw.name) };
	if (raw.phone) contact.phone = raw.phone;
	if (raw.email) contact.email = raw.email;
	if (raw.address) contact.address = raw.address;
	if (raw.hours) contact.hours = localize(raw.hours);
	return contact;
}

export type ThemeRecord = Omit<Theme, 'version'>;
export type ServiceRecord = Omit<Service, 'version'>;
/** A form as the file describes it; its `version` is given by the database when it changes. */
export type FormRecord = Omit<FormDefinition, 'version'> & { position: number };

export interface BookingConfig {
	serviceId: string;
	types: {
		id: string;
		label: Localized;
		durationMinutes: number;
		mode: AppointmentMode;
		bring?: Localized;
	}[];
	hours: { weekdays: number[]; from: string; to: string; capacity: number }[];
}

function field(raw: CatalogueFile['forms'][number]['steps'][number]['fields'][number]): FormField {
	const out: FormField = {
		name: raw.name,
		type: raw.type,
		label: localize(raw.label),
		required: raw.required
	};
	if (raw.hint) out.hint = localize(raw.hint);
	if (raw.options)
		out.options = raw.options.map((o) => ({ value: o.value, label: localize(o.label) }));
	for (const key of [
		'min',
		'max',
		'pattern',
		'prefill',
		'autocomplete',
		'showIf',
		'sameAs',
		'startsPage',
		'documentKind'
	] as const) {
		if (raw[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = raw[key];
	}
	if (raw.documentKind && raw.type !== 'document') {
		throw new Error(`Field "${raw.name}": only a document question has a documentKind`);
	}
	if (
		(raw.type === 'select' || raw.type === 'radio' || raw.type === 'checkbox') &&
		!raw.options?.length
	) {
		throw new Error(`Field "${raw.name}": a ${raw.type} needs options`);
	}
	return out;
}

/** Turns the commune's file into the records the API serves, checking references as it goes. */
export function normalizeCatalogue(file: CatalogueFile): {
	themes: ThemeRecord[];
	services: ServiceRecord[];
	forms: FormRecord[];
	bookings: BookingConfig[];
} {
	const themes = file.themes.map((t, position) => ({
		id: t.id,
		position,
		title: localize(t.title),
		description: localize(t.description),
		icon: t.icon
	}));
	const themeIds = new Set(themes.map((t) => t.id));
	const formByService = new Map<string, string>();
	const forms = file.forms.map((f, position) => {
		if (formByService.has(f.service)) throw new Error(`Service "${f.service}" has two forms`);
		formByService.set(f.service, f.id);
		const names = new Set<string>();
		const named = (name: string) => {
			if (names.has(name)) throw new Error(`Form "${f.id}": field "${name}" appears twice`);
			names.add(name);
		};
		const steps = f.steps.map((step) => {
			if (step.repeat) named(step.repeat.name);
			if (step.repeat && step.repeat.min > step.repeat.max)
				throw new Error(`Form "${f.id}": block "${step.repeat.name}" asks more than its maximum`);
			return {
				title: localize(step.title),
				...(step.section ? { section: localize(step.section) } : {}),
				fields: step.fields.map((raw) => {
					named(raw.name);
					if (raw.sameAs && !step.repeat)
						throw new Error(`Form "${f.id}": field "${raw.name}" has sameAs outside a block`);
					if (raw.startsPage && !step.repeat)
						throw new Error(`Form "${f.id}": field "${raw.name}" starts a page outside a block`);
					return field(raw);
				}),
				...(step.showIf ? { showIf: step.showIf } : {}),
				...(step.repeat
					? {
							repeat: {
								...step.repeat,
								itemTitle: localize(step.repeat.itemTitle),
								addLabel: localize(step.repeat.addLabel)
							}
						}
					: {})
			};
		});
		const reopen = f.registration?.reopen;
		if (reopen) {
			const asked = steps.filter((step) => !step.repeat).flatMap((step) => step.fields);
			const kind = asked.find((field) => field.name === reopen.field);
			const offers = (value: string) => kind?.options?.some((o) => o.value === value);
			if (!offers(reopen.change) || !offers(reopen.renewal))
				throw new Error(
					`Form "${f.id}": registration.reopen needs "${reopen.field}" to offer "${reopen.change}" and "${reopen.renewal}"`
				);
			if (!asked.some((field) => field.name === reopen.number && field.type === 'text'))
				throw new Error(
					`Form "${f.id}": registration.reopen.number "${reopen.number}" is not a text question`
				);
		}
		const [problem] = conditionProblems({ steps });
		if (problem) {
			const where = problem.field ? `field "${problem.field}"` : `step ${problem.step}`;
			throw new Error(
				`Form "${f.id}", ${where}: its condition on "${problem.on}" ${CONDITION_WORDS[problem.code]}`
			);
		}
		return {
			id: f.id,
			serviceId: f.service,
			title: localize(f.title),
			...(f.registration
				? {
						registration: {
							label: localize(f.registration.label),
							renewalMonths: f.registration.renewalMonths,
							...(f.registration.reopen ? { reopen: f.registration.reopen } : {})
						}
					}
				: {}),
			steps,
			position
		};
	});
	const bookings: BookingConfig[] = [];
	const seen = new Set<string>();
	// Positions count within a theme, so removing one service re-sends only its theme's later ones.
	const perTheme = new Map<string, number>();
	const services = file.services.map((s) => {
		if (!themeIds.has(s.theme)) throw new Error(`Service "${s.id}": unknown theme "${s.theme}"`);
		if (seen.has(s.id)) throw new Error(`Service "${s.id}" appears twice`);
		seen.add(s.id);
		const position = perTheme.get(s.theme) ?? 0;
		perTheme.set(s.theme, position + 1);
		if (s.booking) {
			bookings.push({
				serviceId: s.id,
				types: s.booking.types.map((t) => ({
					...t,
					label: localize(t.label),
					bring: t.bring ? localize(t.bring) : undefined
				})),
				hours: s.booking.hours
			});
		}
		const formId = formByService.get(s.id);
		return {
			id: s.id,
			themeId: s.theme,
			position,
			title: localize(s.title),
			summary: localize(s.summary),
			description: localize(s.description),
			audience: localize(s.audience),
			howToApply: localize(s.howToApply),
			keywords: Array.isArray(s.keywords) ? { fr: s.keywords } : s.keywords,
			contact: contactOf(file, s.contact),
			action: s.action,
			...(formId ? { formId } : {}),
			...(s.cost
				? {
						cost: {
							kind: s.cost.kind,
							...(s.cost.price ? { price: localize(s.cost.price) } : {}),
							...(s.cost.note ? { note: localize(s.cost.note) } : {})
						}
					}
				: {}),
			...(s.answerDays ? { answerDays: s.answerDays } : {}),
			bookable: Boolean(s.booking)
		};
	});
	for (const form of forms) {
		if (!seen.has(form.serviceId))
			throw new Error(`Form "${form.id}": unknown service "${form.serviceId}"`);
	}
	return { themes, services, forms, bookings };
}
