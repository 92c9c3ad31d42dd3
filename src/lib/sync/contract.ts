import * as v from 'valibot';
import type { FormDefinition } from '$lib/forms/types';
import {
	MAX_BATCH,
	MUTATION_TYPES,
	payloadSchemas,
	REQUEST_STATUSES,
	instant,
	uuid
} from './mutations';

// The API's answers, described once: the server's TypeScript types are inferred from these
// schemas, and openapi.json is generated from them (src/lib/server/openapi.ts), so the published
// document cannot drift from what the server sends.

const status = v.picklist(REQUEST_STATUSES);
const dateTime = v.pipe(v.string(), v.isoTimestamp());

/**
 * A form definition, as the catalogue publishes it (described in the OpenAPI document beside the
 * catalogue's other records, which have no valibot schema of their own).
 */
export const formDefinitionRef = v.custom<FormDefinition>(
	(value) => typeof value === 'object' && value !== null
);

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
	/** Set when the town hall cancelled it (the office closed that day): why, in its words. */
	statusMessage: v.nullable(v.string()),
	updatedAt: dateTime
});

export const ownRecordsSchema = v.object({
	requests: v.array(ownRequestSchema),
	appointments: v.array(ownAppointmentSchema)
});

const localized = v.pipe(
	v.record(v.string(), v.string()),
	v.check((text) => typeof text.fr === 'string', 'a French text is required')
);

export const appointmentTypeSchema = v.object({
	id: v.string(),
	label: localized,
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
	form: formDefinitionRef,
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
	/** AES-256 key, base64url: only a live session hands it out. */
	copyKey: v.string(),
	/** The computer forgets the key then, unless the server has given it again meanwhile. */
	copyKeyUntil: dateTime
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
	/** Short reference to read over the phone, e.g. D-7KM-4QX. */
	reference: v.optional(v.string()),
	/** The record the mutation created or changed (a request or an appointment). */
	recordId: v.optional(v.string()),
	errors: v.optional(v.array(mutationErrorSchema)),
	alternatives: v.optional(v.array(slotSuggestionSchema))
});

export const outboxAnswerSchema = v.object({ results: v.array(mutationResultSchema) });

/** One mutation as a device sends it: its type decides the shape of its payload. */
export const mutationContractSchema = v.variant(
	'type',
	MUTATION_TYPES.map((type) =>
		v.strictObject({
			id: uuid,
			type: v.literal(type),
			payload: payloadSchemas[type] as v.GenericSchema,
			createdAt: instant
		})
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
