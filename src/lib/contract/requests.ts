import * as v from 'valibot';
import { assistedSchema, dateTime, id, uuid } from './primitives';
import { threadMessageSchema } from './messages';
import {
	addressSchema,
	emailSchema,
	languageSchema,
	noticeKindsSchema,
	notifySchema,
	phoneSchema
} from './notices';

// A request for a service on the wire: its statuses, what the tablet sends, what it reads back.

export const REQUEST_STATUSES = ['received', 'in_progress', 'done', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const isRequestStatus = (value: unknown): value is RequestStatus =>
	(REQUEST_STATUSES as readonly unknown[]).includes(value);
/** A request decided: done or refused, closed for good (retention counts from then). */
export const DECIDED_STATUSES = ['done', 'refused'] as const satisfies readonly RequestStatus[];
export const isDecided = (status: RequestStatus) =>
	(DECIDED_STATUSES as readonly RequestStatus[]).includes(status);
/** The senior is told why: deciding a request needs a message she will read. */
export const needsMessage = isDecided;
export const STATUS_MESSAGE_MAX = 2000;

/**
 * A number in a national system, as an agent types it from its registration ("087 1224 12345 A"):
 * letters and digits, spaces or hyphens between them; kept in capitals.
 */
export const registrationNumberSchema = v.pipe(
	v.string(),
	v.trim(),
	v.toUpperCase(),
	v.regex(/^[A-Z0-9](?:[A-Z0-9 -]{3,38})[A-Z0-9]$/)
);

export const requestPayloads = {
	'request.submit': v.strictObject({
		formId: id,
		formVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
		// Checked against the form itself by the shared answer validation.
		answers: v.record(v.pipe(v.string(), v.maxLength(40)), v.unknown()),
		// Only when she asked to be told of its progress: how to reach her.
		contact: v.optional(
			v.strictObject({
				email: emailSchema,
				phone: phoneSchema,
				address: addressSchema,
				notify: notifySchema,
				notices: noticeKindsSchema,
				language: languageSchema
			})
		),
		assisted: assistedSchema
	}),
	'request.setStatus': v.strictObject({
		requestId: uuid,
		// The status the agent saw: if a colleague moved the request meanwhile, hers is a conflict.
		from: v.picklist(REQUEST_STATUSES),
		to: v.picklist(REQUEST_STATUSES),
		message: v.pipe(v.string(), v.maxLength(STATUS_MESSAGE_MAX))
	}),
	// Staff only: the request's number in the national system, once registered there (or renewed).
	'request.register': v.strictObject({ requestId: uuid, number: registrationNumberSchema })
};

/** Its number in a national system, when it was recorded, and the date to renew it by. */
export const registrationSchema = v.object({
	number: v.string(),
	registeredAt: dateTime,
	renewBy: dateTime
});

export const requestStatusSchema = v.picklist(REQUEST_STATUSES);

export const ownRequestSchema = v.object({
	id: uuid,
	reference: v.string(),
	formId: v.string(),
	serviceId: v.string(),
	status: requestStatusSchema,
	statusMessage: v.nullable(v.string()),
	// Each step of its handling, oldest first: received, then what the agents did and wrote her.
	history: v.array(
		v.object({ status: requestStatusSchema, message: v.nullable(v.string()), at: dateTime })
	),
	// Her thread with the office, oldest first.
	messages: v.array(threadMessageSchema),
	registration: v.nullable(registrationSchema),
	createdAt: dateTime,
	updatedAt: dateTime
});

/** A device's own request, as GET /api/v1/requests describes it. */
export type OwnRequest = v.InferOutput<typeof ownRequestSchema>;
