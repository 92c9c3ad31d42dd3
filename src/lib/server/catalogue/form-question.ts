import * as v from 'valibot';
import {
	CHOICE_TYPES,
	OFFICE_FIELD_TYPES,
	NUMBER_TYPES,
	PROFILE_FIELDS,
	type FieldType,
	type FormField,
	type ProfileField
} from '$lib/forms/types';
import { slugOf } from './edit';
import { withFrench } from '$lib/catalogue/translation';
import { conditionFromInput, conditionValues } from './form-condition';
import { DOCUMENT_KINDS } from '$lib/contract/documents';

// One question as the administrator describes it in plain words, turned into a form field.

export const DATE_LIMITS = ['', 'past', 'future'] as const;
const AUTOCOMPLETE: Record<ProfileField, string> = {
	name: 'name',
	phone: 'tel',
	address: 'street-address',
	email: 'email',
	birthDate: 'bday',
	emergencyContact: 'off'
};

const text = (min: number, max: number) =>
	v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(max));
const integer = v.pipe(v.string(), v.trim(), v.regex(/^(|-?\d{1,9})$/));

const questionSchema = v.object({
	label: text(3, 200),
	hint: text(0, 300),
	type: v.picklist(OFFICE_FIELD_TYPES),
	options: text(0, 3000),
	prefill: v.picklist(['', ...PROFILE_FIELDS]),
	maxLength: v.pipe(v.string(), v.trim(), v.regex(/^(|\d{1,4})$/)),
	min: integer,
	max: integer,
	dateLimit: v.picklist(DATE_LIMITS),
	documentKind: v.picklist(DOCUMENT_KINDS)
});

/** The values the question page shows for a field (the reverse of `questionFromInput`). */
export function questionValues(
	field: FormField | undefined,
	earlier: FormField[] = []
): Record<string, string> {
	return {
		...conditionValues(field?.showIf, earlier),
		label: field?.label.fr ?? '',
		hint: field?.hint?.fr ?? '',
		type: field?.type ?? 'text',
		required: field?.required === false ? '' : 'on',
		options: (field?.options ?? []).map((o) => o.label.fr ?? '').join('\n'),
		prefill: field?.prefill ?? '',
		sameAs: field?.sameAs ?? '',
		startsPage: field?.startsPage ? 'on' : '',
		documentKind: field?.documentKind ?? 'other',
		maxLength:
			(field?.type === 'text' || field?.type === 'textarea') && typeof field.max === 'number'
				? String(field.max)
				: '',
		min:
			field && NUMBER_TYPES.includes(field.type) && typeof field.min === 'number'
				? String(field.min)
				: '',
		max:
			field && NUMBER_TYPES.includes(field.type) && typeof field.max === 'number'
				? String(field.max)
				: '',
		dateLimit:
			field?.type === 'date'
				? field.max === 'today'
					? 'past'
					: field.min === 'today'
						? 'future'
						: ''
				: ''
	};
}

const choiceLabels = (options: string) => [
	...new Set(
		options
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean)
	)
];

/** The checks that tie fields together, run even when a field alone is wrong: all problems at once. */
function crossProblems(raw: Record<string, string>): string[] {
	const errors: string[] = [];
	const type = raw.type as FieldType;
	if (CHOICE_TYPES.includes(type)) {
		const labels = choiceLabels(raw.options ?? '');
		if (labels.length < 2 || labels.length > 20 || labels.some((l) => l.length > 120)) {
			errors.push('options');
		}
	}
	const maxLength = Number(raw.maxLength);
	if ((type === 'text' || type === 'textarea') && raw.maxLength?.trim()) {
		if (!(maxLength >= 1 && maxLength <= 5000)) errors.push('maxLength');
	}
	if (NUMBER_TYPES.includes(type) && raw.min?.trim() && raw.max?.trim()) {
		if (Number(raw.min) > Number(raw.max)) errors.push('max');
	}
	return errors;
}

/**
 * Checks what the page sent; each problem is named by its field (`options`, `max`, `ifValue0`…).
 * `earlier`: the questions asked before this one, the only ones its condition may name.
 * `hers`: in a repeated step, her own questions before it, which "comme pour elle" may copy.
 */
export function questionFromInput(
	raw: Record<string, string>,
	previous?: FormField,
	earlier: FormField[] = [],
	hers: FormField[] | null = null
): { field: Omit<FormField, 'name'>; errors: [] } | { field: null; errors: string[] } {
	const parsed = v.safeParse(questionSchema, {
		prefill: '',
		dateLimit: '',
		maxLength: '',
		min: '',
		max: '',
		hint: '',
		options: '',
		documentKind: 'other',
		...raw
	});
	const shownIf = conditionFromInput(raw, earlier);
	const errors = [
		...new Set([
			...(parsed.success ? [] : parsed.issues.map((i) => String(i.path?.[0]?.key ?? ''))),
			...crossProblems(raw),
			...shownIf.errors,
			...sameAsProblems(raw, hers)
		])
	];
	if (!parsed.success || errors.length) return { field: null, errors };
	const input = parsed.output;
	const field: Omit<FormField, 'name'> = {
		type: input.type,
		label: withFrench(previous?.label, input.label),
		required: raw.required === 'on'
	};
	if (input.hint) field.hint = withFrench(previous?.hint, input.hint);
	if (CHOICE_TYPES.includes(input.type)) {
		// An option keeps its value while its French label is unchanged, so answers still match.
		const before = new Map((previous?.options ?? []).map((o) => [o.label.fr, o]));
		const used = new Set<string>();
		field.options = choiceLabels(input.options).map((label) => {
			const kept = before.get(label);
			let value = kept?.value ?? (slugOf(label).slice(0, 60) || 'choix');
			for (let n = 2; used.has(value); n++) value = `${slugOf(label).slice(0, 60)}-${n}`;
			used.add(value);
			return { value, label: kept?.label ?? { fr: label } };
		});
	}
	if ((input.type === 'text' || input.type === 'textarea') && input.maxLength) {
		field.max = Number(input.maxLength);
	}
	if (NUMBER_TYPES.includes(input.type)) {
		if (input.min) field.min = Number(input.min);
		if (input.max) field.max = Number(input.max);
	}
	if (input.type === 'date') {
		if (input.dateLimit === 'past') field.max = 'today';
		if (input.dateLimit === 'future') field.min = 'today';
	}
	if (input.prefill) {
		field.prefill = input.prefill;
		field.autocomplete = AUTOCOMPLETE[input.prefill];
	}
	if (input.type === 'document') field.documentKind = input.documentKind;
	if (shownIf.condition) field.showIf = shownIf.condition;
	if (hers && raw.sameAs) field.sameAs = raw.sameAs;
	if (hers && raw.startsPage === 'on') field.startsPage = true;
	return { field, errors: [] };
}

/** "Comme pour elle": one of her own questions before the repeated step, of the same kind. */
function sameAsProblems(raw: Record<string, string>, hers: FormField[] | null): string[] {
	if (!raw.sameAs) return [];
	const source = hers?.find((f) => f.name === raw.sameAs);
	return source && source.type === raw.type ? [] : ['sameAs'];
}
