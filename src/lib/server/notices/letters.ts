import type { Db } from '../db/open';
import { audit, auditEach, SYSTEM_ACTOR } from '../journal/audit';
import { preparing, prepareNotices } from './facts';
import { noticeKeys } from './secrets';
import { noticeSettings } from './settings';

/**
 * The letters to print: notices by post not printed yet, each written in its person's language,
 * with her name and address for the envelope's window. Reads only: one that can no longer be
 * printed (she withdrew, the time changed) is left out here and settled when letters are printed.
 */
async function readLetters(db: Db, now: Date) {
	const notices = await db
		.selectFrom('notices')
		.selectAll()
		.where('channel', '=', 'post')
		.where('status', '=', 'pending')
		.orderBy('created_at')
		.limit(500)
		.execute();
	const settings = noticeSettings();
	const { linkSecret } = await noticeKeys(db);
	const prepared = await prepareNotices(db, notices, preparing({ settings, linkSecret }), now);
	const letters = [];
	const unprintable: string[] = [];
	for (const notice of notices) {
		const ready = prepared.get(notice.id)!;
		if ('message' in ready) {
			letters.push({
				id: notice.id,
				subjectType: notice.subject_type,
				subjectId: notice.subject_id,
				language: ready.message.language,
				name: ready.message.name,
				address: String(ready.message.to),
				subject: ready.message.subject,
				paragraphs: ready.message.letter
			});
		} else unprintable.push(notice.id);
	}
	return { letters, unprintable };
}

export async function pendingLetters(db: Db, now = new Date()) {
	return (await readLetters(db, now)).letters;
}

/** The letters page: each person whose name and address it shows is journaled, nothing else. */
export async function lettersForAgent(db: Db, staffUserId: string, now = new Date()) {
	const letters = await pendingLetters(db, now);
	await auditEach(
		db,
		{ staffUserId, action: 'notices.lettersListed' },
		letters.map((l) => ({ subjectType: l.subjectType, subjectId: l.subjectId })),
		now
	);
	return letters;
}

/** The agent printed these letters: each counts as sent, journaled like any notice. */
export async function markLettersPrinted(
	db: Db,
	ids: string[],
	staffUserId: string,
	now = new Date()
): Promise<number> {
	if (ids.length === 0) return 0;
	const { unprintable } = await readLetters(db, now);
	return db.transaction().execute(async (trx) => {
		// What could no longer be printed (withdrawn, moved) leaves the list now, never on a GET.
		if (unprintable.length) {
			await trx
				.updateTable('notices')
				.set({ status: 'dropped', last_error: 'not printable' })
				.where('id', 'in', unprintable)
				.where('status', '=', 'pending')
				.execute();
		}
		const printed = await trx
			.updateTable('notices')
			.set({ status: 'sent', sent_at: now.toISOString(), recipient_masked: 'courrier' })
			.where('id', 'in', ids)
			.where('channel', '=', 'post')
			.where('status', '=', 'pending')
			.returning(['subject_type', 'subject_id', 'kind'])
			.execute();
		for (const notice of printed) {
			await audit(
				trx,
				{
					staffUserId: SYSTEM_ACTOR,
					action: 'notice.sent',
					subjectType: notice.subject_type,
					subjectId: notice.subject_id,
					detail: `${notice.kind} post`
				},
				now
			);
		}
		await audit(
			trx,
			{
				staffUserId,
				action: 'notices.letters',
				subjectType: 'notice',
				subjectId: 'letters',
				detail: String(printed.length)
			},
			now
		);
		return printed.length;
	});
}

/**
 * Letters waiting for an agent's approval: their appointment was booked on a tablet the office
 * has never seen. Postage and an agent's time are the commune's: a letter is printed only for
 * what an agent has seen, so a flood of bookings can never bury the real letters. Each subject
 * once, with whom and where it would go (journaled: the page shows names and addresses).
 */
export async function lettersToApprove(db: Db, staffUserId: string, now = new Date()) {
	const rows = await db
		.selectFrom('notices as n')
		.innerJoin('appointments as a', 'a.id', 'n.subject_id')
		.select([
			'a.id',
			'a.reference',
			'a.person_name',
			'a.person_address',
			'a.start_at',
			'a.status',
			(eb) => eb.fn.countAll<number>().as('letters')
		])
		.where('n.channel', '=', 'post')
		.where('n.status', '=', 'awaiting')
		.groupBy(['a.id', 'a.reference', 'a.person_name', 'a.person_address', 'a.start_at', 'a.status'])
		.orderBy('a.start_at')
		.limit(100)
		.execute();
	await auditEach(
		db,
		{ staffUserId, action: 'notices.lettersShown' },
		rows.map((r) => ({ subjectType: 'appointment' as const, subjectId: r.id })),
		now
	);
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		name: r.person_name,
		address: r.person_address,
		start: r.start_at,
		cancelled: r.status === 'cancelled',
		letters: Number(r.letters)
	}));
}

/**
 * The agent's decision on an appointment's letters: approved, they go to the print list (and
 * its later letters, a reminder, with them); refused, they are dropped. Only letters awaiting.
 */
export async function decideLetters(
	db: Db,
	appointmentId: string,
	approve: boolean,
	staffUserId: string,
	now = new Date()
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		if (approve) {
			await trx
				.updateTable('appointments')
				.set({ letters_approved_at: now.toISOString() })
				.where('id', '=', appointmentId)
				.where('letters_approved_at', 'is', null)
				.execute();
		}
		const moved = await trx
			.updateTable('notices')
			.set(
				approve
					? { status: 'pending' as const }
					: { status: 'dropped' as const, last_error: 'refusedByOffice' }
			)
			.where('subject_id', '=', appointmentId)
			.where('channel', '=', 'post')
			.where('status', '=', 'awaiting')
			.executeTakeFirst();
		const count = Number(moved.numUpdatedRows);
		if (count > 0) {
			await audit(
				trx,
				{
					staffUserId,
					action: approve ? 'notices.lettersApproved' : 'notices.lettersRefused',
					subjectType: 'appointment',
					subjectId: appointmentId,
					detail: String(count)
				},
				now
			);
		}
		return count;
	});
}
