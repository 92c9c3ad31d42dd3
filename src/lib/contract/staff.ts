import * as v from 'valibot';
import { PAGE_TYPES } from './documents';
import { formDefinitionSchema } from './catalogue';
import { dateTime, uuid } from './primitives';
import { registrationSchema, requestStatusSchema as status } from './requests';
import { caseFileSchema } from './casework';
import { staffThreadMessageSchema, THREAD_STATES } from './messages';

// The staff area's reads: the inbox, a request's detail, the signed-in agent.

export const inboxFiltersSchema = v.object({
	status: v.optional(status),
	form: v.optional(v.string()),
	from: v.optional(v.string()),
	to: v.optional(v.string()),
	name: v.optional(v.string()),
	/** "Réponse reçue": she wrote and no agent has read it; "En attente de sa réponse". */
	thread: v.optional(v.picklist(THREAD_STATES))
});

export const inboxRowSchema = v.object({
	id: uuid,
	reference: v.string(),
	personName: v.string(),
	formId: v.string(),
	formTitle: v.string(),
	serviceId: v.string(),
	createdAt: dateTime,
	status,
	thread: v.optional(v.nullable(v.picklist(THREAD_STATES)), null)
});

export const inboxPageSchema = v.object({
	filters: inboxFiltersSchema,
	invalid: v.array(v.picklist(['status', 'form', 'from', 'to', 'name', 'thread'])),
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
		answers: v.record(v.string(), v.unknown()),
		registration: v.optional(v.nullable(registrationSchema), null)
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
	next: v.array(status),
	case: caseFileSchema,
	/** Her thread with the office, oldest first. */
	messages: v.optional(v.array(staffThreadMessageSchema), []),
	/** The pages of her papers the town hall holds now (erased ones are not), by id. */
	pages: v.optional(
		v.array(
			v.object({ id: uuid, type: v.picklist(PAGE_TYPES), size: v.pipe(v.number(), v.integer()) })
		),
		[]
	)
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
