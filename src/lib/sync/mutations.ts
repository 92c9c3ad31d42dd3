import * as v from 'valibot';
import { TRANSLATED } from '$lib/i18n/languages';
import { ANSWERS, NOTICE_CHANNELS, NOTICE_CHOICES } from '$lib/notices/kinds';
import type { mutationErrorSchema, mutationResultSchema, slotSuggestionSchema } from './contract';

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
	'appointment.answer'
] as const;

/** Types only a signed-in agent or administrator may send. */
export const STAFF_MUTATION_TYPES: readonly MutationType[] = ['request.setStatus'];

export const REQUEST_STATUSES = ['received', 'in_progress', 'done', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const isRequestStatus = (value: unknown): value is RequestStatus =>
	(REQUEST_STATUSES as readonly unknown[]).includes(value);
/** The senior is told why: closing a request needs a message she will read. */
export const needsMessage = (to: RequestStatus) => to === 'done' || to === 'refused';
export const STATUS_MESSAGE_MAX = 2000;
export type MutationType = (typeof MUTATION_TYPES)[number];

export const MAX_BATCH = 100;

/** Refusals no correction can lift (a quota, a sending too long): she is given a number to call. */
export const CALL_US_CODES: readonly string[] = [
	'quotaRequests',
	'quotaAppointments',
	'quotaChanges',
	'quotaBusy',
	'quotaDevices',
	'tooLarge'
];

export const uuid = v.pipe(v.string(), v.uuid());
const id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(100));
/**
 * An instant with its offset, as the slots endpoint gives it. The pattern is the published one
 * (it says month 01–12, day 01–31, hour 00–23, a year of this era); the check adds what a pattern
 * cannot say: that the day exists in its month (no 31 February).
 */
export const instant = v.pipe(
	v.string(),
	v.regex(
		/^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/
	),
	v.check((s) => {
		const [year, month, day] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
		const date = new Date(Date.UTC(year, month - 1, day));
		return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	})
);

/** How she wants to be told (`contact.notify`), of what, and in which language. */
const notify = v.optional(
	v.pipe(v.array(v.picklist(NOTICE_CHANNELS)), v.maxLength(NOTICE_CHANNELS.length))
);
const notices = v.optional(
	v.pipe(v.array(v.picklist(NOTICE_CHOICES)), v.maxLength(NOTICE_CHOICES.length))
);
const language = v.optional(v.picklist(TRANSLATED));
const email = v.optional(v.pipe(v.string(), v.maxLength(254)));
const phone = v.optional(v.pipe(v.string(), v.maxLength(40)));
const address = v.optional(v.pipe(v.string(), v.maxLength(300)));

/** A browser's push subscription (PushSubscription.toJSON()): where the push service takes it. */
export const pushSubscriptionSchema = v.object({
	endpoint: v.pipe(v.string(), v.url(), v.maxLength(1000)),
	keys: v.object({
		p256dh: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{80,100}=*$/)),
		auth: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,40}=*$/))
	})
});

/** Filled in with an agent beside her (assisted mode): she agreed that the agent sends it for her. */
const assisted = v.optional(v.strictObject({ consent: v.literal(true) }));

export const payloadSchemas = {
	'request.submit': v.strictObject({
		formId: id,
		formVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
		// Checked against the form itself by the shared answer validation.
		answers: v.record(v.pipe(v.string(), v.maxLength(40)), v.unknown()),
		// Only when she asked to be told of its progress: how to reach her.
		contact: v.optional(v.strictObject({ email, phone, address, notify, notices, language })),
		assisted
	}),
	'appointment.book': v.strictObject({
		serviceId: id,
		appointmentTypeId: id,
		start: instant,
		// Who the office expects and how to reach her (her address for a home visit): asked at the
		// confirm step. The shape is checked here; what is missing or wrong, by the shared
		// `contactIssues`, so each field gets its own message.
		contact: v.strictObject({
			name: v.pipe(v.string(), v.maxLength(200)),
			phone: v.pipe(v.string(), v.maxLength(40)),
			address,
			email,
			notify,
			notices,
			language
		}),
		assisted
	}),
	'appointment.cancel': v.strictObject({ appointmentId: uuid }),
	'appointment.reschedule': v.strictObject({ appointmentId: uuid, start: instant }),
	'request.setStatus': v.strictObject({
		requestId: uuid,
		// The status the agent saw: if a colleague moved the request meanwhile, hers is a conflict.
		from: v.picklist(REQUEST_STATUSES),
		to: v.picklist(REQUEST_STATUSES),
		message: v.pipe(v.string(), v.maxLength(STATUS_MESSAGE_MAX))
	}),
	// The senior asks the commune to erase what it holds from her tablet: nothing else to say.
	'person.erasureRequest': v.strictObject({}),
	// Her choice in "Mes informations": applied at once to what she has booked or asked for.
	'notices.choose': v.strictObject({
		notify: v.pipe(v.array(v.picklist(NOTICE_CHANNELS)), v.maxLength(NOTICE_CHANNELS.length)),
		notices: v.pipe(v.array(v.picklist(NOTICE_CHOICES)), v.maxLength(NOTICE_CHOICES.length)),
		email,
		phone,
		address,
		language
	}),
	// This tablet accepts notices (a subscription) or no longer does (null).
	'device.push': v.strictObject({ subscription: v.nullable(pushSubscriptionSchema) }),
	// Her answer to a reminder, from "Mes rendez-vous".
	'appointment.answer': v.strictObject({ appointmentId: uuid, answer: v.picklist(ANSWERS) })
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

export type MutationResult = v.InferOutput<typeof mutationResultSchema>;
export type MutationStatus = MutationResult['status'];
export type MutationError = v.InferOutput<typeof mutationErrorSchema>;
export type SlotSuggestion = v.InferOutput<typeof slotSuggestionSchema>;
