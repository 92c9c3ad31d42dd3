import type { Db } from '../db/open';
import { audit, SYSTEM_ACTOR } from '../staff/audit';
import { prepareNotices } from './facts';
import { noticeKeys } from './secrets';
import { noticeSettings } from './settings';

/**
 * The letters to print: notices by post not printed yet, each written in its person's language,
 * with her name and address for the envelope's window. Dropped ones (she withdrew, the time
 * changed) are settled here as they would be by the sender.
 */
export async function pendingLetters(db: Db, now = new Date()) {
	const notices = await db
		.selectFrom('notices')
		.selectAll()
		.where('channel', '=', 'post')
		.where('status', '=', 'pending')
		.orderBy('created_at')
		.limit(500)
		.execute();
	const settings = noticeSettings();
	const { linkSecret } = await noticeKeys(db, settings.vapid);
	const prepared = await prepareNotices(
		db,
		notices,
		{ publicUrl: settings.publicUrl, linkSecret },
		now
	);
	const letters = [];
	const dropped: string[] = [];
	for (const notice of notices) {
		const ready = prepared.get(notice.id)!;
		if ('message' in ready) {
			letters.push({
				id: notice.id,
				language: ready.message.language,
				name: ready.message.name,
				address: String(ready.message.to),
				subject: ready.message.subject,
				paragraphs: ready.message.letter
			});
		} else dropped.push(notice.id);
	}
	if (dropped.length) {
		await db
			.updateTable('notices')
			.set({ status: 'dropped', last_error: 'not printable' })
			.where('id', 'in', dropped)
			.where('status', '=', 'pending')
			.execute();
	}
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
	return db.transaction().execute(async (trx) => {
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
