import type * as v from 'valibot';
import type { formDefinitionSchema, formFieldSchema } from '$lib/contract/catalogue';
import type { DocumentAnswer } from '$lib/contract/documents';

export const FIELD_TYPES = [
	'text',
	'textarea',
	'email',
	'tel',
	'date',
	'number',
	'integer',
	'amount',
	'address',
	'select',
	'radio',
	'checkbox',
	'consent',
	'document'
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/** The kinds the office's editor offers: all of them, now that a document's pages travel. */
export const OFFICE_FIELD_TYPES = FIELD_TYPES;
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
/** How a step is repeated, one block of its questions per member: "Ajouter une personne". */
export type RepeatGroup = NonNullable<FormStep['repeat']>;
/** `version` is bumped whenever the definition changes; answers are checked against their version. */
export type FormDefinition = v.InferOutput<typeof formDefinitionSchema>;

/** An address in its parts, as a letter or a housing file needs it. */
export interface AddressAnswer {
	street: string;
	postcode: string;
	city: string;
}
export const ADDRESS_PARTS = ['street', 'postcode', 'city'] as const;

/**
 * One question's answer: text for most, a list for checkboxes, a ticked box, an address's parts,
 * a document's pages (kept on the tablet until sent, named by their content's hash).
 */
export type FieldAnswer = string | string[] | boolean | AddressAnswer | DocumentAnswer;

/** One person of a repeated block (her household): that person's answers by question name. */
export type MemberAnswers = Record<string, FieldAnswer>;

/** An answer: to one question, or a repeated block's, one member after the other. */
export type Answer = FieldAnswer | MemberAnswers[];

/** Answers by field name ("YYYY-MM-DD" for dates). */
export type Answers = Record<string, Answer>;
