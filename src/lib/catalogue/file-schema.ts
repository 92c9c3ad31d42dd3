import * as v from 'valibot';
import { FIELD_TYPES, PROFILE_FIELDS } from '$lib/forms/types';
import { conditionSchema } from '$lib/contract/conditions';
import { DOCUMENT_KINDS } from '$lib/contract/documents';

// The shape of a commune's catalogue file. Text is one French string or one string per language.
const localized = v.union([
	v.pipe(v.string(), v.trim(), v.minLength(1)),
	v.pipe(
		v.record(v.pipe(v.string(), v.regex(/^[a-z]{2}(-[a-z]+)*$/)), v.pipe(v.string(), v.trim())),
		v.check(
			(value) => typeof value.fr === 'string' && value.fr.length > 0,
			'a French text is required'
		)
	)
]);

const optionalLocalized = v.optional(localized);

const slug = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens')
);

const contact = v.object({
	name: localized,
	phone: v.optional(v.pipe(v.string(), v.regex(/^[0-9+ ]{2,20}$/))),
	email: v.optional(v.pipe(v.string(), v.email())),
	address: v.optional(v.string()),
	hours: optionalLocalized
});

const time = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:30'));

const booking = v.object({
	types: v.pipe(
		v.array(
			v.object({
				id: slug,
				label: localized,
				durationMinutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(480)),
				mode: v.picklist(['in_person', 'phone', 'home_visit']),
				/** What to bring, said in the reminder: "Apportez votre carte Vitale." */
				bring: optionalLocalized
			})
		),
		v.minLength(1)
	),
	hours: v.array(
		v.pipe(
			v.object({
				weekdays: v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))),
				from: time,
				to: time,
				capacity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))
			}),
			v.check((h) => h.from < h.to, '"from" must come before "to"')
		)
	)
});

const formField = v.object({
	name: v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/)),
	type: v.picklist(FIELD_TYPES),
	label: localized,
	hint: optionalLocalized,
	required: v.optional(v.boolean(), true),
	options: v.optional(
		v.array(v.object({ value: v.pipe(v.string(), v.minLength(1)), label: localized }))
	),
	min: v.optional(v.union([v.number(), v.string()])),
	max: v.optional(v.union([v.number(), v.string()])),
	pattern: v.optional(v.string()),
	prefill: v.optional(v.picklist(PROFILE_FIELDS)),
	autocomplete: v.optional(v.string()),
	/** Asked only when earlier answers match (src/lib/contract/conditions.ts). */
	showIf: v.optional(conditionSchema),
	/** In a repeated block: first filled with her answer to this earlier question ("comme moi"). */
	sameAs: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(40))),
	/** In a repeated block: a person's questions go on a new page from this one. */
	startsPage: v.optional(v.boolean()),
	/** A document question: what it asks for; identity papers are erased at the decision. */
	documentKind: v.optional(v.picklist(DOCUMENT_KINDS))
});

const fieldName = v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/));
const reopenSchema = v.object({
	field: fieldName,
	change: v.pipe(v.string(), v.minLength(1)),
	renewal: v.pipe(v.string(), v.minLength(1)),
	number: fieldName
});

const form = v.object({
	id: slug,
	service: slug,
	title: localized,
	/**
	 * Registered afterwards in a national system (social housing's "numéro unique"): an agent
	 * records its number on the request, she reads it in "Mes demandes", and is reminded to renew
	 * it `renewalMonths` after.
	 */
	registration: v.optional(
		v.object({
			label: localized,
			renewalMonths: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36)),
			/**
			 * "Signaler un changement de situation" and "Renouveler ma demande": the question that
			 * says what kind of application it is, its choices for a change and a renewal, and the
			 * question that holds the number. Her answers are taken up again with these set.
			 */
			reopen: v.optional(reopenSchema)
		})
	),
	steps: v.pipe(
		v.array(
			v.object({
				title: localized,
				/** The official form's part it belongs to ("3. Votre foyer"): the dossier's headings. */
				section: optionalLocalized,
				fields: v.pipe(v.array(formField), v.minLength(1)),
				showIf: v.optional(conditionSchema),
				/** Asked once per person she adds ("Ajouter une personne"), between min and max. */
				repeat: v.optional(
					v.object({
						name: v.pipe(
							v.string(),
							v.regex(/^[a-z0-9-]{1,40}$/, 'lowercase words joined by hyphens')
						),
						min: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)), 0),
						max: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
						itemTitle: localized,
						addLabel: localized
					})
				)
			})
		),
		v.minLength(1)
	)
});

export const catalogueFileSchema = v.object({
	contacts: v.record(slug, contact),
	themes: v.array(
		v.object({
			id: slug,
			title: localized,
			description: localized,
			icon: v.optional(v.string(), 'info')
		})
	),
	services: v.array(
		v.object({
			id: slug,
			theme: slug,
			title: localized,
			summary: localized,
			description: localized,
			audience: localized,
			howToApply: localized,
			keywords: v.union([v.array(v.string()), v.record(v.string(), v.array(v.string()))]),
			contact: v.union([slug, contact]),
			action: v.optional(v.picklist(['appointment', 'request', 'contact']), 'contact'),
			booking: v.optional(booking),
			/** "Réponse en général sous 10 jours": the office's usual time to answer a request. */
			answerDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
			/** "Combien ça coûte ?": free, by income, or a price in the commune's words. */
			cost: v.optional(
				v.pipe(
					v.object({
						kind: v.picklist(['free', 'income', 'price']),
						price: optionalLocalized,
						note: optionalLocalized
					}),
					v.check(
						(cost) => cost.kind !== 'price' || cost.price !== undefined,
						'a price needs its amount'
					)
				)
			)
		})
	),
	forms: v.optional(v.array(form), []),
	/** Words the commune's residents use for the same thing: ["médecin", "docteur", "santé"]. */
	synonyms: v.optional(
		v.array(
			v.pipe(
				v.array(v.pipe(v.string(), v.regex(/^[\p{L}'’-]{2,40}$/u, 'one word per synonym'))),
				v.minLength(2),
				v.maxLength(30)
			)
		),
		[]
	)
});

export type CatalogueFile = v.InferOutput<typeof catalogueFileSchema>;
