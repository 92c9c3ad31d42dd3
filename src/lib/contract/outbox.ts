import * as v from 'valibot';
import { appointmentPayloads, slotSuggestionSchema } from './appointments';
import { caseworkPayloads } from './casework';
import { MUTATION_EXAMPLES } from './examples';
import { messagePayloads } from './messages';
import { noticePayloads } from './notices';
import { instant, uuid } from './primitives';
import { privacyPayloads } from './privacy';
import { requestPayloads } from './requests';

// The outbox on the wire: the changes a device can make, the batch it posts, what each answers.
// Each payload is described with its noun (requests.ts, appointments.ts…); they meet here.

/** The changes a device can make, each applied once by the server (see POST /api/v1/outbox). */
export const MUTATION_TYPES = [
	'request.submit',
	'appointment.book',
	'appointment.cancel',
	'appointment.reschedule',
	'request.setStatus',
	'person.erasureRequest',
	'notices.choose',
	'device.push',
	'appointment.answer',
	'appointment.cancelByOffice',
	'case.note',
	'case.assign',
	'message.send',
	'message.reply',
	'message.seen',
	'request.register'
] as const;

/** Types only a signed-in agent or administrator may send. */
export const STAFF_MUTATION_TYPES: readonly MutationType[] = [
	'request.setStatus',
	'appointment.cancelByOffice',
	'case.note',
	'case.assign',
	'message.send',
	'request.register'
];
export type MutationType = (typeof MUTATION_TYPES)[number];

export const MAX_BATCH = 100;

/** Refusals no correction can lift (a quota, a sending too long): she is given a number to call. */
export const CALL_US_CODES: readonly string[] = [
	'quotaRequests',
	'quotaAppointments',
	'quotaChanges',
	'quotaBusy',
	'quotaDevices',
	'quotaMessages',
	'tooLarge'
];

export const payloadSchemas = {
	...requestPayloads,
	...appointmentPayloads,
	...privacyPayloads,
	...noticePayloads,
	...caseworkPayloads,
	...messagePayloads
} satisfies Record<MutationType, v.GenericSchema>;

export type Payload<T extends MutationType> = v.InferOutput<(typeof payloadSchemas)[T]>;

export const mutationSchema = v.strictObject({
	id: uuid,
	type: v.string(),
	payload: v.unknown(),
	createdAt: instant
});

export const outboxBodySchema = v.strictObject({
	mutations: v.pipe(v.array(mutationSchema), v.minLength(1), v.maxLength(MAX_BATCH))
});

export type Mutation = v.InferOutput<typeof mutationSchema>;

export const mutationErrorSchema = v.object({
	field: v.string(),
	code: v.string(),
	message: v.string()
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

export type MutationResult = v.InferOutput<typeof mutationResultSchema>;
export type MutationStatus = MutationResult['status'];
export type MutationError = v.InferOutput<typeof mutationErrorSchema>;
