import * as v from 'valibot';
import { FIELD_TYPES, PROFILE_FIELDS } from '$lib/forms/types';
import { conditionSchema } from './conditions';
import { localizedSchema } from './primitives';
import { DOCUMENT_KINDS } from './documents';

// The catalogue on the wire: themes, services, their online forms, the device's deltas, and the
// pages' reads. The types of src/lib/catalogue/types.ts are inferred from these.

export const themeSchema = v.object({
	id: v.string(),
	position: v.pipe(v.number(), v.integer()),
	title: localizedSchema,
	description: localizedSchema,
	icon: v.string(),
	version: v.pipe(v.number(), v.integer())
});

export const contactSchema = v.object({
	name: localizedSchema,
	phone: v.optional(v.string()),
	email: v.optional(v.pipe(v.string(), v.email())),
	address: v.optional(v.string()),
	hours: v.optional(localizedSchema)
});

const BOOKABLE = 'Appointments can be booked (see /api/v1/slots)';

const summaryEntries = {
	id: v.string(),
	themeId: v.string(),
	title: localizedSchema,
	summary: localizedSchema,
	action: v.picklist(['appointment', 'request', 'contact']),
	formId: v.optional(v.pipe(v.string(), v.description('The service’s online request form'))),
	bookable: v.optional(v.pipe(v.boolean(), v.description(BOOKABLE)))
};

export const serviceSummarySchema = v.object(summaryEntries);

/** What a service costs her: free, by her income, or a price ("5,50 € le repas"), and a note. */
export const costSchema = v.object({
	kind: v.picklist(['free', 'income', 'price']),
	price: v.optional(localizedSchema),
	note: v.optional(localizedSchema)
});

export const serviceSchema = v.object({
	...summaryEntries,
	// A whole service always says it (set on import and on every edit), as the tablet's Service
	// has it; a theme's list of summaries may leave it out.
	bookable: v.pipe(v.boolean(), v.description(BOOKABLE)),
	position: v.pipe(v.number(), v.integer(), v.description('Order within its theme')),
	description: localizedSchema,
	audience: localizedSchema,
	howToApply: localizedSchema,
	keywords: v.record(v.string(), v.array(v.string())),
	contact: contactSchema,
	cost: v.optional(costSchema),
	answerDays: v.optional(
		v.pipe(
			v.number(),
			v.integer(),
			v.description('Days the office usually takes to answer a request for it')
		)
	),
	version: v.pipe(v.number(), v.integer())
});

export const formFieldSchema = v.object({
	name: v.string(),
	type: v.picklist(FIELD_TYPES),
	label: localizedSchema,
	hint: v.optional(localizedSchema),
	required: v.boolean(),
	options: v.optional(v.array(v.object({ value: v.string(), label: localizedSchema }))),
	min: v.optional(
		v.pipe(
			v.union([v.number(), v.string()]),
			v.description('Numbers: lowest value. Dates: ISO day or `today`, `today+N`, `today-N`.')
		)
	),
	max: v.optional(
		v.pipe(
			v.union([v.number(), v.string()]),
			v.description('As `min`; for text, the longest length.')
		)
	),
	pattern: v.optional(v.string()),
	prefill: v.optional(
		v.pipe(v.picklist(PROFILE_FIELDS), v.description('Filled from the person’s details'))
	),
	autocomplete: v.optional(v.string()),
	showIf: v.optional(
		v.pipe(conditionSchema, v.description('Shown only when earlier answers match'))
	),
	sameAs: v.optional(
		v.pipe(
			v.string(),
			v.description('In a repeated block: first filled with her answer to this earlier question')
		)
	),
	startsPage: v.optional(
		v.pipe(
			v.boolean(),
			v.description("In a repeated block: a person's questions go on a new page from this one")
		)
	),
	documentKind: v.optional(
		v.pipe(
			v.picklist(DOCUMENT_KINDS),
			v.description(
				'A document question: what it asks for (identity papers are erased at the decision)'
			)
		)
	)
});

/** A step asked once per person of her household: its questions are one member's block. */
export const repeatSchema = v.object({
	name: v.pipe(
		v.string(),
		v.minLength(1),
		v.maxLength(40),
		v.description('The answers hold one object per member under this name')
	),
	min: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)),
	max: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
	itemTitle: v.pipe(localizedSchema, v.description('One member, numbered: "Personne 2"')),
	addLabel: v.pipe(localizedSchema, v.description('"Ajouter une personne"'))
});

export const formDefinitionSchema = v.object({
	id: v.string(),
	serviceId: v.string(),
	title: localizedSchema,
	version: v.pipe(v.number(), v.integer(), v.description('Send it with the answers (formVersion)')),
	registration: v.optional(
		v.pipe(
			v.object({
				label: localizedSchema,
				renewalMonths: v.number(),
				reopen: v.optional(
					v.pipe(
						v.object({
							field: v.string(),
							change: v.string(),
							renewal: v.string(),
							number: v.string()
						}),
						v.description(
							'Her answers taken up again for a change or a renewal: the question of the kind of application, its two choices, and the question of the number'
						)
					)
				)
			}),
			v.description(
				'Registered afterwards in a national system: its number ("numéro unique") and renewal'
			)
		)
	),
	steps: v.array(
		v.object({
			title: localizedSchema,
			section: v.optional(
				v.pipe(
					localizedSchema,
					v.description(
						'The part of the official form this step belongs to ("3. Votre foyer"): the dossier’s layout'
					)
				)
			),
			fields: v.array(formFieldSchema),
			showIf: v.optional(
				v.pipe(conditionSchema, v.description('The whole step shown only when answers match'))
			),
			repeat: v.optional(repeatSchema)
		})
	)
});

export const catalogueDeltaSchema = v.object({
	cursor: v.pipe(v.string(), v.description('Send it back as `since`')),
	full: v.boolean(),
	themes: v.array(themeSchema),
	services: v.array(serviceSchema),
	forms: v.array(formDefinitionSchema),
	deleted: v.object({
		themes: v.array(v.string()),
		services: v.array(v.string()),
		forms: v.array(v.string())
	}),
	synonyms: v.optional(
		v.pipe(
			v.array(v.array(v.string())),
			v.description('Words searched as one (in a full answer, or when they changed)')
		)
	)
});

const pagedEntries = {
	page: v.number(),
	pages: v.number(),
	total: v.number()
};

export const themesAnswerSchema = v.object({
	themes: v.array(v.object({ ...themeSchema.entries, serviceCount: v.number() }))
});

export const themePageSchema = v.object({
	theme: themeSchema,
	services: v.array(serviceSummarySchema),
	...pagedEntries
});

export const serviceAnswerSchema = v.object({
	service: serviceSchema,
	theme: themeSchema
});

export const searchAnswerSchema = v.object({ results: v.array(serviceSummarySchema) });
