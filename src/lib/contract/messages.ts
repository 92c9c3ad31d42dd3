import * as v from 'valibot';
import { documentAnswerSchema } from './documents';
import { assistedSchema, dateTime, uuid } from './primitives';

// Messages on a request: a thread between her and the office (issue 25, §3). The office writes,
// asks a question that awaits her answer, or asks for a document; she answers, in words or with
// a photo, from her tablet and through its outbox.

/** What the office may write: a message, a question that awaits her answer, a document asked for. */
export const OFFICE_MESSAGE_KINDS = ['message', 'question', 'document'] as const;
export type OfficeMessageKind = (typeof OFFICE_MESSAGE_KINDS)[number];
export const MESSAGE_KINDS = [...OFFICE_MESSAGE_KINDS, 'answer'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_AUTHORS = ['office', 'resident'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/** A message is a few lines to read large on a tablet, not a file. */
export const MESSAGE_MAX = 2000;
/** The document asked for, named in a few words ("Votre dernier avis d’impôt"). */
export const DOCUMENT_LABEL_MAX = 200;
/** A thread's messages at most: past it, the office telephones. */
export const THREAD_MAX = 200;

/**
 * Where a request's thread stands for the office: she wrote and no agent has read it yet
 * ("Réponse reçue"), or the office waits for her answer ("En attente de sa réponse").
 */
export const THREAD_STATES = ['replied', 'awaiting'] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

/** The office's kinds that wait for her answer ("En attente de votre réponse"). */
export const awaitsAnswer = (kind: MessageKind) => kind === 'question' || kind === 'document';

const text = (min: number) =>
	v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(MESSAGE_MAX));

export const messagePayloads = {
	// Staff only: an agent writes to her on one of her requests.
	'message.send': v.strictObject({
		requestId: uuid,
		kind: v.picklist(OFFICE_MESSAGE_KINDS),
		body: text(1),
		documentLabel: v.optional(
			v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(DOCUMENT_LABEL_MAX))
		)
	}),
	// Her tablet: her answer to the office, in words, with a photo, or both.
	'message.reply': v.strictObject({
		requestId: uuid,
		body: text(0),
		/** The office's question or request for a document she answers. */
		inReplyTo: v.optional(uuid),
		document: v.optional(documentAnswerSchema),
		assisted: assistedSchema
	}),
	// Her tablet: she has read the office's messages up to this one (the office's read receipt).
	'message.seen': v.strictObject({ requestId: uuid, upTo: uuid })
};

/** One message of a request's thread, as her tablet and the staff pages read it. */
export const threadMessageSchema = v.object({
	id: uuid,
	from: v.picklist(MESSAGE_AUTHORS),
	kind: v.picklist(MESSAGE_KINDS),
	body: v.string(),
	documentLabel: v.nullable(v.string()),
	inReplyTo: v.nullable(uuid),
	/** Her photo's pages, in order (their ids, for the office's viewer; how many, for her). */
	pages: v.array(uuid),
	/**
	 * Her message written with an agent beside her (assisted mode): the agent's name. An office
	 * message is signed by the office, never by the agent.
	 */
	helpedBy: v.nullable(v.string()),
	at: dateTime,
	/** When the other side read it. */
	readAt: v.nullable(dateTime)
});
export type ThreadMessage = v.InferOutput<typeof threadMessageSchema>;

/** The same message in the staff pages: they say which agent wrote an office message. */
export const staffThreadMessageSchema = v.object({
	...threadMessageSchema.entries,
	by: v.nullable(v.string())
});
export type StaffThreadMessage = v.InferOutput<typeof staffThreadMessageSchema>;

/** The office's questions and requests for a document she has not answered yet, oldest first. */
export function openQuestions(thread: readonly ThreadMessage[]): ThreadMessage[] {
	const answered = new Set(thread.map((m) => m.inReplyTo).filter(Boolean));
	return thread.filter((m) => m.from === 'office' && awaitsAnswer(m.kind) && !answered.has(m.id));
}
