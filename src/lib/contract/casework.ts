import * as v from 'valibot';
import { dateTime, uuid } from './primitives';

// Casework on the wire: an agent's notes on a request or an appointment, and who follows it.
// Staff only (contract/outbox.ts); never part of what a tablet reads.

export const CASE_SUBJECTS = ['request', 'appointment'] as const;
export type CaseSubject = (typeof CASE_SUBJECTS)[number];

/** A note is for colleagues: a few lines, not a file. */
export const CASE_NOTE_MAX = 2000;

export const caseworkPayloads = {
	'case.note': v.strictObject({
		subject: v.picklist(CASE_SUBJECTS),
		subjectId: uuid,
		text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(CASE_NOTE_MAX))
	}),
	// null: followed by nobody in particular.
	'case.assign': v.strictObject({
		subject: v.picklist(CASE_SUBJECTS),
		subjectId: uuid,
		staffUserId: v.nullable(uuid)
	})
};

export const caseNoteSchema = v.object({
	id: uuid,
	text: v.string(),
	by: v.string(),
	at: dateTime
});

/** What the staff pages show of a case: its notes (oldest first) and who follows it. */
export const caseworkSchema = v.object({
	notes: v.array(caseNoteSchema),
	assignee: v.nullable(v.object({ id: uuid, name: v.string() }))
});
export type Casework = v.InferOutput<typeof caseworkSchema>;

const relatedSchema = v.object({
	id: uuid,
	reference: v.string(),
	serviceTitle: v.string(),
	status: v.string(),
	/** When a request was sent; when an appointment is. */
	at: dateTime
});

/**
 * A case as the staff pages show it: its notes and assignee, the agents it can be given to, and
 * her other requests and appointments (same tablet, phone or e-mail).
 */
export const caseFileSchema = v.object({
	...caseworkSchema.entries,
	agents: v.array(v.object({ id: uuid, name: v.string() })),
	related: v.object({ requests: v.array(relatedSchema), appointments: v.array(relatedSchema) })
});
export type CaseFile = v.InferOutput<typeof caseFileSchema>;
