import type * as v from 'valibot';
import type { formDefinitionSchema, formFieldSchema } from '$lib/contract/catalogue';

export const FIELD_TYPES = [
	'text',
	'textarea',
	'email',
	'tel',
	'date',
	'number',
	'integer',
	'amount',
	'select',
	'radio',
	'checkbox',
	'consent'
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/** Questions answered with a number: any, a whole one, an amount in euros. */
export const NUMBER_TYPES: readonly FieldType[] = ['number', 'integer', 'amount'];
/** Questions answered by choosing among the form's own options. */
export const CHOICE_TYPES: readonly FieldType[] = ['select', 'radio', 'checkbox'];

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

// A form's shape is the wire's (src/lib/contract/catalogue.ts): inferred, never written twice.

/**
 * One question. `min`/`max` — numbers: bounds; dates: ISO day, or `today`, `today+N`, `today-N`;
 * text: max length (max).
 */
export type FormField = v.InferOutput<typeof formFieldSchema>;
export type FieldOption = NonNullable<FormField['options']>[number];
export type FormStep = FormDefinition['steps'][number];
/** `version` is bumped whenever the definition changes; answers are checked against their version. */
export type FormDefinition = v.InferOutput<typeof formDefinitionSchema>;

/** Answers by field name: text for most fields, a list for checkboxes, "YYYY-MM-DD" for dates. */
export type Answers = Record<string, string | string[] | boolean>;
