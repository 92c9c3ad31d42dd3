import * as v from 'valibot';
import { appointmentStatusSchema } from './appointments';
import { dateTime } from './primitives';
import { registrationSchema, requestStatusSchema as status } from './requests';

// Her data: asking the commune to erase it, and reading everything it holds from her tablet.

export const privacyPayloads = {
	// The senior asks the commune to erase what it holds from her tablet: nothing else to say.
	'person.erasureRequest': v.strictObject({})
};

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
			/** Its number in the national system, and the date to renew it by. */
			registration: v.nullable(registrationSchema),
			answers: v.array(v.object({ question: v.string(), answer: v.unknown(), text: v.string() })),
			history: v.array(
				v.object({ status, at: dateTime, message: nullableText, byAnAgent: v.boolean() })
			),
			messages: v.array(exportedMessageSchema),
			/** Her thread with the office: what each side wrote, when, and when the other read it. */
			thread: v.array(
				v.object({
					from: v.string(),
					kind: v.string(),
					text: v.string(),
					documentAsked: nullableText,
					inReplyTo: nullableText,
					photoPages: v.array(v.string()),
					byAnAgent: v.boolean(),
					at: dateTime,
					readAt: v.nullable(dateTime)
				})
			),
			/** The office's internal notes on it, and whether an agent follows it. */
			followedByAnAgent: v.boolean(),
			officeNotes: v.array(v.object({ text: v.string(), at: dateTime }))
		})
	),
	appointments: v.array(
		v.object({
			reference: v.string(),
			serviceId: v.string(),
			appointmentTypeId: v.string(),
			start: dateTime,
			end: dateTime,
			status: appointmentStatusSchema,
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
			calls: v.array(v.object({ outcome: v.string(), at: dateTime })),
			/** The office's internal notes on it, and whether an agent follows it. */
			followedByAnAgent: v.boolean(),
			officeNotes: v.array(v.object({ text: v.string(), at: dateTime }))
		})
	),
	device: v.nullable(v.object({ firstSeenAt: dateTime, lastSeenAt: dateTime })),
	/** The push service this tablet's notifications go through: its host only. */
	pushService: v.nullable(v.object({ host: v.string(), since: dateTime })),
	sendings: v.array(v.object({ type: v.string(), status: v.string(), at: dateTime })),
	/** The pages of her papers sent from this tablet, each known by its SHA-256. */
	documentPages: v.array(
		v.object({
			page: v.string(),
			type: v.string(),
			size: v.number(),
			received: v.number(),
			sha256: v.string(),
			status: v.string(),
			refusal: v.nullable(v.string()),
			request: v.nullable(v.string()),
			startedAt: dateTime,
			arrivedAt: v.nullable(dateTime)
		})
	),
	erasureRequests: v.array(
		v.object({
			reference: v.string(),
			askedAt: dateTime,
			status: v.picklist(['pending', 'done']),
			doneAt: v.nullable(dateTime)
		})
	)
});

export type MyData = v.InferOutput<typeof myDataSchema>;
