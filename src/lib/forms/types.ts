import type { Localized } from '$lib/catalogue/types';

export const FIELD_TYPES = [
	'text',
	'textarea',
	'email',
	'tel',
	'date',
	'number',
	'select',
	'radio',
	'checkbox',
	'consent'
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What "Mes informations" holds, used to prefill fields that name it. */
export const PROFILE_FIELDS = [
	'name',
	'phone',
	'address',
	'email',
	'birthDate',
	'emergencyContact'
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface FieldOption {
	value: string;
	label: Localized;
}

export interface FormField {
	name: string;
	type: FieldType;
	label: Localized;
	hint?: Localized;
	required: boolean;
	options?: FieldOption[];
	/** Numbers: bounds. Dates: ISO day, or `today`, `today+N`, `today-N`. Text: max length (max). */
	min?: number | string;
	max?: number | string;
	pattern?: string;
	prefill?: ProfileField;
	autocomplete?: string;
}

export interface FormStep {
	title: Localized;
	fields: FormField[];
}

export interface FormDefinition {
	id: string;
	serviceId: string;
	title: Localized;
	/** Bumped whenever the definition changes; an answer is checked against the version it was filled in. */
	version: number;
	steps: FormStep[];
}

/** Answers by field name: text for most fields, a list for checkboxes, "YYYY-MM-DD" for dates. */
export type Answers = Record<string, string | string[] | boolean>;
