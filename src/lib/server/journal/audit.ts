import type { Db } from '../db/open';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** What staff did with a senior's data. Actions are codes; subjects are ids, never names. */
export type AuditAction =
	| 'requests.list'
	| 'request.read'
	| 'request.page'
	| 'request.dossier'
	| 'request.status'
	| 'appointments.list'
	| 'appointments.week'
	| 'person.export'
	| 'person.erase'
	| 'erasures.list'
	| 'office.close'
	| 'account.create'
	| 'account.disable'
	| 'account.enable'
	| 'account.password'
	| 'signin'
	| 'signin.assisted'
	| 'signout.assisted'
	| 'signout.everywhere'
	| 'notice.sent'
	| 'notice.failed'
	| 'notice.answer'
	| 'notice.stop'
	| 'notices.letters'
	| 'calls.list'
	| 'call.outcome'
	| 'notices.list'
	| 'notice.retry'
	| 'notices.release'
	| 'notices.lettersShown'
	| 'notices.lettersApproved'
	| 'notices.lettersRefused'
	| 'notices.lettersListed'
	| 'calls.shown'
	| 'appointment.read'
	| 'appointment.booked'
	| 'appointment.bookedForTablet'
	| 'appointment.moved'
	| 'appointment.cancelled'
	| 'case.note'
	| 'case.assign'
	| 'request.message'
	| 'request.register';

/** Who acted when no agent did: the notices' sender, a person answering through a signed link. */
export const SYSTEM_ACTOR = 'system';
export const LINK_ACTOR = 'link';

export interface AuditEntry {
	staffUserId: string;
	action: AuditAction;
	subjectType: 'request' | 'inbox' | 'office' | 'device' | 'account' | 'appointment' | 'notice';
	subjectId: string;
	detail?: string;
}

export async function audit(db: Db | Transaction<Database>, entry: AuditEntry, now = new Date()) {
	await db
		.insertInto('audit_log')
		.values({
			at: now.toISOString(),
			staff_user_id: entry.staffUserId,
			action: entry.action,
			subject_type: entry.subjectType,
			subject_id: entry.subjectId.slice(0, 100),
			detail: entry.detail?.slice(0, 200) ?? null
		})
		.execute();
}

/**
 * One entry per person a page showed (a list of names and addresses is a read of each person's
 * data), written in one statement.
 */
export async function auditEach(
	db: Db | Transaction<Database>,
	entry: { staffUserId: string; action: AuditAction; detail?: string },
	subjects: { subjectType: AuditEntry['subjectType']; subjectId: string }[],
	now = new Date()
) {
	if (subjects.length === 0) return;
	await db
		.insertInto('audit_log')
		.values(
			subjects.map((s) => ({
				at: now.toISOString(),
				staff_user_id: entry.staffUserId,
				action: entry.action,
				subject_type: s.subjectType,
				subject_id: s.subjectId.slice(0, 100),
				detail: entry.detail?.slice(0, 200) ?? null
			}))
		)
		.execute();
}
