import * as v from 'valibot';
import { FIELD_TYPES, PROFILE_FIELDS } from '$lib/forms/types';
import {
	MAX_BATCH,
	MUTATION_TYPES,
	payloadSchemas,
	REQUEST_STATUSES,
	instant,
	uuid
} from './mutations';
import { MUTATION_EXAMPLES } from './examples';

// The API's answers, described once: the server's TypeScript types are inferred from these
// schemas, and openapi.json is generated from them (src/lib/server/openapi.ts), so the published
// document cannot drift from what the server sends.

const status = v.picklist(REQUEST_STATUSES);
const dateTime = v.pipe(v.string(), v.isoTimestamp());

/** A text per language code; `fr` is always present and is the fallback. */
export const localizedSchema = v.objectWithRest({ fr: v.string() }, v.string());

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
	autocomplete: v.optional(v.string())
});

export const formDefinitionSchema = v.object({
	id: v.string(),
	serviceId: v.string(),
	title: localizedSchema,
	version: v.pipe(v.number(), v.integer(), v.description('Send it with the answers (formVersion)')),
	steps: v.array(v.object({ title: localizedSchema, fields: v.array(formFieldSchema) }))
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

export const ownRequestSchema = v.object({
	id: uuid,
	reference: v.string(),
	formId: v.string(),
	serviceId: v.string(),
	status,
	statusMessage: v.nullable(v.string()),
	createdAt: dateTime,
	updatedAt: dateTime
});

export const ownAppointmentSchema = v.object({
	id: uuid,
	reference: v.string(),
	serviceId: v.string(),
	appointmentTypeId: v.string(),
	start: dateTime,
	end: dateTime,
	status: v.picklist(['booked', 'cancelled']),
	/** How it takes place, so her list can say "nous vous appelons au…" or "chez vous". */
	mode: v.picklist(['in_person', 'phone', 'home_visit']),
	/** What she gave at the confirm step (her own tablet's booking: nobody else's). */
	contact: v.object({
		name: v.nullable(v.string()),
		phone: v.nullable(v.string()),
		address: v.nullable(v.string())
	}),
	/** Set when the town hall cancelled it (the office closed that day): why, in its words. */
	statusMessage: v.nullable(v.string()),
	/** Her answer to the reminder: she will come, or asked to be called back. */
	answer: v.optional(v.nullable(v.picklist(['coming', 'cannot', 'callback']))),
	updatedAt: dateTime
});

export const ownRecordsSchema = v.object({
	requests: v.array(ownRequestSchema),
	appointments: v.array(ownAppointmentSchema)
});

export const appointmentTypeSchema = v.object({
	id: v.string(),
	label: localizedSchema,
	durationMinutes: v.pipe(v.number(), v.integer()),
	mode: v.picklist(['in_person', 'phone', 'home_visit'])
});

export const slotSchema = v.object({
	appointmentTypeId: v.string(),
	/** ISO 8601 with the commune's offset, e.g. 2026-12-01T09:30:00+01:00. */
	start: instant,
	end: instant,
	remaining: v.pipe(v.number(), v.integer(), v.minValue(0))
});

export const slotsAnswerSchema = v.object({
	appointmentTypes: v.array(appointmentTypeSchema),
	slots: v.array(slotSchema)
});

export const inboxFiltersSchema = v.object({
	status: v.optional(status),
	form: v.optional(v.string()),
	from: v.optional(v.string()),
	to: v.optional(v.string()),
	name: v.optional(v.string())
});

export const inboxRowSchema = v.object({
	id: uuid,
	reference: v.string(),
	personName: v.string(),
	formId: v.string(),
	formTitle: v.string(),
	serviceId: v.string(),
	createdAt: dateTime,
	status
});

export const inboxPageSchema = v.object({
	filters: inboxFiltersSchema,
	invalid: v.array(v.picklist(['status', 'form', 'from', 'to', 'name'])),
	total: v.pipe(v.number(), v.integer(), v.minValue(0)),
	limit: v.pipe(v.number(), v.integer()),
	requests: v.array(inboxRowSchema),
	forms: v.array(v.object({ id: v.string(), title: v.string() }))
});

export const requestDetailSchema = v.object({
	request: v.object({
		id: uuid,
		reference: v.string(),
		personName: v.string(),
		status,
		createdAt: dateTime,
		helpedBy: v.nullable(v.string()),
		answers: v.record(v.string(), v.unknown())
	}),
	form: formDefinitionSchema,
	serviceTitle: v.string(),
	events: v.array(
		v.object({
			id: v.string(),
			status,
			message: v.nullable(v.string()),
			at: dateTime,
			by: v.nullable(v.string())
		})
	),
	next: v.array(status)
});

/** The signed-in staff member, with the key that seals the copies her computer keeps. */
export const staffMeSchema = v.object({
	id: v.string(),
	name: v.string(),
	role: v.picklist(['agent', 'admin']),
	copyKey: v.pipe(
		v.string(),
		v.description('AES-256 key (base64url) sealing the copies kept offline; dies with the session')
	),
	copyKeyUntil: v.pipe(
		dateTime,
		v.description('The computer stops using the key then, unless the server answers again')
	)
});

export const mutationErrorSchema = v.object({
	field: v.string(),
	code: v.string(),
	message: v.string()
});

export const slotSuggestionSchema = v.object({
	appointmentTypeId: v.string(),
	start: instant,
	end: instant
});

export const mutationResultSchema = v.object({
	/** The mutation's own id, as sent. */
	id: v.string(),
	status: v.picklist(['applied', 'duplicate', 'conflict', 'rejected']),
	reference: v.optional(
		v.pipe(v.string(), v.description('Short reference to read over the phone, e.g. D-7KM-4QX'))
	),
	recordId: v.optional(
		v.pipe(v.string(), v.description('The request or appointment created or changed'))
	),
	errors: v.optional(v.array(mutationErrorSchema)),
	alternatives: v.optional(v.array(slotSuggestionSchema))
});

export const outboxAnswerSchema = v.object({ results: v.array(mutationResultSchema) });

/** One mutation as a device sends it: its type decides the shape of its payload. */
export const mutationContractSchema = v.variant(
	'type',
	MUTATION_TYPES.map((type) =>
		v.pipe(
			v.strictObject({
				id: uuid,
				type: v.literal(type),
				payload: payloadSchemas[type] as v.GenericSchema,
				createdAt: instant
			}),
			v.examples([MUTATION_EXAMPLES[type] as never])
		)
	) as unknown as v.VariantOptions<'type'>
);

/** What a device posts to /api/v1/outbox. */
export const outboxRequestSchema = v.strictObject({
	mutations: v.pipe(v.array(mutationContractSchema), v.minLength(1), v.maxLength(MAX_BATCH))
});

export const errorSchema = v.object({
	error: v.object({
		code: v.string(),
		message: v.string(),
		fields: v.array(
			v.object({ field: v.string(), message: v.string(), code: v.optional(v.string()) })
		)
	})
});

/** How she chose to be told of a record (channels, kinds) and in which language. */
const noticeChoiceSchema = v.object({
	channels: v.array(v.string()),
	kinds: v.array(v.string()),
	language: v.string()
});

/** One message the town hall sent (or tried to) about a record: how, when, to whom (masked). */
const exportedMessageSchema = v.object({
	kind: v.string(),
	channel: v.string(),
	status: v.string(),
	queuedAt: dateTime,
	sentAt: v.nullable(dateTime),
	recipient: v.nullable(v.string()),
	attempts: v.number(),
	smsParts: v.nullable(v.number()),
	problem: v.nullable(v.string())
});

const nullableText = v.nullable(v.string());

/** "Télécharger mes données": everything the server holds from one device (RGPD art. 15, 20). */
export const myDataSchema = v.object({
	exportedAt: dateTime,
	requests: v.array(
		v.object({
			reference: v.string(),
			form: v.string(),
			formVersion: v.number(),
			service: v.string(),
			sentAt: dateTime,
			updatedAt: dateTime,
			status,
			message: nullableText,
			helpedByAnAgent: v.boolean(),
			name: nullableText,
			email: nullableText,
			phone: nullableText,
			address: nullableText,
			notices: noticeChoiceSchema,
			lettersApprovedAt: v.nullable(dateTime),
			answers: v.array(v.object({ question: v.string(), answer: v.unknown() })),
			history: v.array(
				v.object({ status, at: dateTime, message: nullableText, byAnAgent: v.boolean() })
			),
			messages: v.array(exportedMessageSchema)
		})
	),
	appointments: v.array(
		v.object({
			reference: v.string(),
			serviceId: v.string(),
			appointmentTypeId: v.string(),
			start: dateTime,
			end: dateTime,
			status: v.picklist(['booked', 'cancelled']),
			bookedAt: dateTime,
			updatedAt: dateTime,
			name: nullableText,
			phone: nullableText,
			address: nullableText,
			email: nullableText,
			message: nullableText,
			helpedByAnAgent: v.boolean(),
			bookedByAnAgent: v.boolean(),
			notices: noticeChoiceSchema,
			reminderAnswer: nullableText,
			answeredAt: v.nullable(dateTime),
			lettersApprovedAt: v.nullable(dateTime),
			messages: v.array(exportedMessageSchema),
			calls: v.array(v.object({ outcome: v.string(), at: dateTime }))
		})
	),
	device: v.nullable(v.object({ firstSeenAt: dateTime, lastSeenAt: dateTime })),
	/** The push service this tablet's notifications go through: its host only. */
	pushService: v.nullable(v.object({ host: v.string(), since: dateTime })),
	sendings: v.array(v.object({ type: v.string(), status: v.string(), at: dateTime })),
	erasureRequests: v.array(
		v.object({
			reference: v.string(),
			askedAt: dateTime,
			status: v.picklist(['pending', 'done']),
			doneAt: v.nullable(dateTime)
		})
	)
});
