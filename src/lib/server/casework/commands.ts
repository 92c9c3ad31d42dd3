import type { Payload } from '$lib/contract/outbox';
import type { CaseSubject } from '$lib/contract/casework';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { audit } from '../journal/audit';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';

const UNKNOWN: Record<CaseSubject, string> = {
	request: 'unknownRequest',
	appointment: 'unknownAppointment'
};

/** The request or appointment a note or an assignee is about, with its reference. */
async function subjectOf(trx: Transaction<Database>, subject: CaseSubject, id: string) {
	const table = subject === 'request' ? 'requests' : 'appointments';
	return trx.selectFrom(table).select(['id', 'reference']).where('id', '=', id).executeTakeFirst();
}

/**
 * An agent writes a note on a request or an appointment: for the office only, never sent to her
 * tablet, given to her on request (privacy/export.ts). The mutation's id is the note's, so a
 * retry of the same note writes it once.
 */
export async function addCaseNote(
	{ trx, actor, mutation, now }: MutationContext,
	payload: Payload<'case.note'>
): Promise<Outcome> {
	if (actor?.mode !== 'staff') return rejected(fieldError('type', 'staffOnly'));
	const record = await subjectOf(trx, payload.subject, payload.subjectId);
	if (!record) return rejected(fieldError('payload.subjectId', UNKNOWN[payload.subject]));
	await trx
		.insertInto('case_notes')
		.values({
			id: mutation.id,
			subject_type: payload.subject,
			subject_id: record.id,
			staff_user_id: actor.id,
			text: payload.text,
			created_at: now.toISOString()
		})
		.execute();
	await audit(
		trx,
		{
			staffUserId: actor.id,
			action: 'case.note',
			subjectType: payload.subject,
			subjectId: record.id
		},
		now
	);
	return { status: 'applied', reference: record.reference, recordId: record.id };
}

/**
 * Names the agent who follows a request or an appointment ("suivie par"), or nobody. One update:
 * two agents naming someone at once leave the later one's choice, each journaled.
 */
export async function assignCase(
	{ trx, actor, now }: MutationContext,
	payload: Payload<'case.assign'>
): Promise<Outcome> {
	if (actor?.mode !== 'staff') return rejected(fieldError('type', 'staffOnly'));
	if (payload.staffUserId) {
		const agent = await trx
			.selectFrom('staff_users')
			.select('id')
			.where('id', '=', payload.staffUserId)
			.where('active', '=', 1)
			.executeTakeFirst();
		if (!agent) return rejected(fieldError('payload.staffUserId', 'unknownAgent'));
	}
	const table = payload.subject === 'request' ? 'requests' : 'appointments';
	// Not a record change she sees: no version bump, nothing sent to her tablet.
	const updated = await trx
		.updateTable(table)
		.set({ assigned_to: payload.staffUserId })
		.where('id', '=', payload.subjectId)
		.returning(['id', 'reference'])
		.executeTakeFirst();
	if (!updated) return rejected(fieldError('payload.subjectId', UNKNOWN[payload.subject]));
	await audit(
		trx,
		{
			staffUserId: actor.id,
			action: 'case.assign',
			subjectType: payload.subject,
			subjectId: updated.id,
			detail: payload.staffUserId ?? 'nobody'
		},
		now
	);
	return { status: 'applied', reference: updated.reference, recordId: updated.id };
}
