import type { Db } from '../db/open';
import { audit } from '../journal/audit';
import { communeDay } from '$lib/time/commune-time';
import { atMinute } from '../time';
import { noticeSettings, type NoticeSettings } from './settings';

/**
 * The "Envois" page: what failed (recipient masked, reason), what waits for a retry or the end of
 * the quiet hours, and today's count per channel with the SMS parts the commune pays for.
 */
export async function noticeOverview(db: Db, now: Date) {
	const since = atMinute(communeDay(now), 0).toISOString();
	const subjects = (query: ReturnType<typeof base>) =>
		query.orderBy('n.next_attempt_at').limit(200);
	const base = () =>
		db
			.selectFrom('notices as n')
			.leftJoin('appointments as a', 'a.id', 'n.subject_id')
			.leftJoin('requests as r', 'r.id', 'n.subject_id')
			.select([
				'n.id',
				'n.kind',
				'n.channel',
				'n.status',
				'n.attempts',
				'n.next_attempt_at',
				'n.recipient_masked',
				'n.last_error',
				'n.created_at',
				'a.reference as appointment_reference',
				'r.reference as request_reference'
			]);
	const [failed, waiting, sent] = await Promise.all([
		subjects(base().where('n.status', '=', 'failed')).execute(),
		subjects(
			base()
				.where('n.status', 'in', ['pending', 'sending'])
				.where('n.channel', '<>', 'post')
				.where((eb) =>
					eb.or([eb('n.attempts', '>', 0), eb('n.next_attempt_at', '>', now.toISOString())])
				)
		).execute(),
		db
			.selectFrom('notices')
			.select(['channel'])
			.select((eb) => [
				eb.fn.countAll<number>().as('count'),
				eb.fn.sum<number>('parts').as('parts')
			])
			.where('status', '=', 'sent')
			.where('sent_at', '>=', since)
			.groupBy('channel')
			.execute()
	]);
	const shape = (row: (typeof failed)[number]) => ({
		id: row.id,
		kind: row.kind,
		channel: row.channel,
		attempts: row.attempts,
		nextAttemptAt: row.next_attempt_at,
		recipient: row.recipient_masked,
		reason: row.last_error,
		reference: row.appointment_reference ?? row.request_reference ?? null
	});
	return {
		failed: failed.map(shape),
		waiting: waiting.map(shape),
		sentToday: sent.map((s) => ({
			channel: s.channel,
			count: Number(s.count),
			parts: Number(s.parts ?? 0)
		}))
	};
}

/** A failed notice, tried again at the next run (the address may have been corrected). */
export async function retryNotice(db: Db, id: string, staffUserId: string, now = new Date()) {
	return db.transaction().execute(async (trx) => {
		const retried = await trx
			.updateTable('notices')
			.set({
				status: 'pending',
				attempts: 0,
				next_attempt_at: now.toISOString(),
				claimed_until: null
			})
			.where('id', '=', id)
			.where('status', '=', 'failed')
			.executeTakeFirst();
		if (Number(retried.numUpdatedRows) !== 1) return false;
		await audit(
			trx,
			{ staffUserId, action: 'notice.retry', subjectType: 'notice', subjectId: id },
			now
		);
		return true;
	});
}

/** Notices held past the day's cap of their channel (SMS_DAILY_MAX, EMAIL_DAILY_MAX), per channel. */
export async function heldCounts(db: Db): Promise<{ channel: string; count: number }[]> {
	const rows = await db
		.selectFrom('notices')
		.select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
		.where('status', '=', 'held')
		.groupBy('channel')
		.orderBy('channel')
		.execute();
	return rows.map((r) => ({ channel: r.channel, count: Number(r.n) }));
}

/**
 * The agent lets the held notices of a channel go, past the day's cap: sent at the next run,
 * counted no more. Journaled with how many.
 */
export async function releaseHeld(
	db: Db,
	channel: 'sms' | 'email',
	staffUserId: string,
	now = new Date()
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const released = await trx
			.updateTable('notices')
			.set({ status: 'pending', budget: 'released', next_attempt_at: now.toISOString() })
			.where('status', '=', 'held')
			.where('channel', '=', channel)
			.executeTakeFirst();
		const count = Number(released.numUpdatedRows);
		await audit(
			trx,
			{
				staffUserId,
				action: 'notices.release',
				subjectType: 'notice',
				subjectId: channel,
				detail: String(count)
			},
			now
		);
		return count;
	});
}

/**
 * The channels she can choose whose sending is not set up on this server (no SMTP_URL, no SMS
 * key): their messages wait, unsent, until it is. Said on "Envois" with how many wait, so an
 * office does not believe she was told.
 */
export async function unconfiguredChannels(
	db: Db,
	settings: Pick<NoticeSettings, 'email' | 'sms'> = noticeSettings()
): Promise<{ channel: 'email' | 'sms'; waiting: number }[]> {
	const off = (['email', 'sms'] as const).filter((channel) => !settings[channel]);
	if (off.length === 0) return [];
	const rows = await db
		.selectFrom('notices')
		.select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
		.where('channel', 'in', off)
		.where('status', 'in', ['pending', 'sending'])
		.groupBy('channel')
		.execute();
	return off.map((channel) => ({
		channel,
		waiting: Number(rows.find((r) => r.channel === channel)?.n ?? 0)
	}));
}
