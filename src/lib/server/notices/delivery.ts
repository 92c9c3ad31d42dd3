import { sql, type ExpressionBuilder } from 'kysely';
import { NOTICE_CHANNELS, type NoticeChannel } from '$lib/notices/kinds';
import type { Db } from '../db/open';
import type { Database, Notice } from '../db/schema';
import { releaseLease, renewLease, takeLease } from '../db/leases';
import { SYSTEM_ACTOR } from '../journal/audit';
import type { Channel } from './channels/channel';
import type { LinkKeyring } from './links';
import { DeliveryError } from './channels/channel';
import {
	isBudgeted,
	knownAmong,
	recipientKey,
	rememberRecipients,
	spendBudget,
	suppressedAmong
} from './budgets';
import { maskRecipient, preparing, prepareNotices, type Prepared } from './facts';
import { quietUntil } from './quiet-hours';
import type { NoticeSettings } from './settings';

const MINUTE = 60_000;
/** Waits after each failed try: a minute, five, half an hour, two hours, six; then "failed". */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 360];
const BATCH = 200;
const PARALLEL = 8;
/** A claimed notice not recorded by then (its instance died) is tried again. */
const CLAIM_MS = 10 * MINUTE;
const LEASE = 'notices';

export interface DeliveryRun {
	queued: number;
	sent: number;
	retried: number;
	failed: number;
	dropped: number;
	held: number;
	/** Held past the day's cap of their channel, until an agent releases them. */
	overBudget: number;
	smsParts: number;
}

export interface Deliverer {
	channels: Partial<Record<NoticeChannel, Channel>>;
	settings: NoticeSettings;
	linkSecret: LinkKeyring;
	recipientSecret: Buffer;
}

/** Each channel as a row (`c.ch`), to queue one notice per channel she chose in one statement. */
const CHANNEL_ROWS = sql.join(
	NOTICE_CHANNELS.map((ch) => sql`SELECT ${sql.lit(ch)} AS ch`),
	sql` UNION ALL `
);

/**
 * Reminders now due, queued in one statement from the appointments themselves: one per channel
 * she chose, keyed by the start it reminds of, so a second scan (the next minute, another
 * instance) adds nothing, and a booking that was confirmed as its reminder gets no other.
 */
export async function queueDueReminders(
	db: Db,
	now: Date,
	leadMs: number,
	letterLeadMs = leadMs
): Promise<number> {
	const stamp = now.toISOString();
	const horizon = new Date(now.getTime() + leadMs).toISOString();
	const letterHorizon = new Date(now.getTime() + letterLeadMs).toISOString();
	const result = await sql`
		INSERT INTO notices
			(id, subject_type, subject_id, kind, event, channel, status, next_attempt_at, attempts, created_at)
		SELECT a.id || '/reminder/' || a.start_at || '/' || c.ch, 'appointment', a.id, 'reminder',
			a.start_at, c.ch,
			-- A letter waits for an agent's approval unless the office has seen the appointment.
			CASE WHEN c.ch = 'post' AND a.letters_approved_at IS NULL THEN 'awaiting' ELSE 'pending' END,
			CAST(${stamp} AS varchar(30)), 0, CAST(${stamp} AS varchar(30))
		FROM appointments a JOIN (${CHANNEL_ROWS}) c ON a.notify_channels LIKE '%,' || c.ch || ',%'
		WHERE a.status = 'booked' AND a.start_at > ${stamp}
			AND a.start_at <= CASE WHEN c.ch = 'post' THEN ${letterHorizon} ELSE ${horizon} END
			AND a.notify_kinds LIKE '%,reminder,%'
		ON CONFLICT (id) DO NOTHING`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

/** How long before its date a registered request's renewal is asked for: its last month. */
export const RENEWAL_LEAD_MS = 30 * 86_400_000;

/**
 * Renewals now due (social housing's, a month before the date the national system cancels an
 * application not renewed), queued in one statement like reminders: keyed by the date to renew
 * by, so a second scan adds nothing, and a renewal recorded afterwards (a new date) asks again a
 * year later. Sent on the channels she chose for her request's progress; never for a refused one.
 */
export async function queueDueRenewals(db: Db, now: Date): Promise<number> {
	const stamp = now.toISOString();
	const horizon = new Date(now.getTime() + RENEWAL_LEAD_MS).toISOString();
	const result = await sql`
		INSERT INTO notices
			(id, subject_type, subject_id, kind, event, channel, status, next_attempt_at, attempts, created_at)
		SELECT r.id || '/renewal/' || r.renewal_due_at || '/' || c.ch, 'request', r.id, 'renewal',
			r.renewal_due_at, c.ch, 'pending',
			CAST(${stamp} AS varchar(30)), 0, CAST(${stamp} AS varchar(30))
		FROM requests r JOIN (${CHANNEL_ROWS}) c ON r.notify_channels LIKE '%,' || c.ch || ',%'
		WHERE r.renewal_due_at IS NOT NULL AND r.renewal_due_at > ${stamp}
			AND r.renewal_due_at <= ${horizon} AND r.status <> 'refused'
			AND r.notify_kinds LIKE '%,status,%'
		ON CONFLICT (id) DO NOTHING`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

/** SMS due in the quiet hours wait for their end (09:00): they are not tries, nothing is counted. */
async function holdQuietSms(db: Db, now: Date, settings: NoticeSettings): Promise<number> {
	const until = quietUntil(now, settings.smsQuietHours);
	if (!until) return 0;
	const held = await db
		.updateTable('notices')
		.set({ next_attempt_at: until.toISOString() })
		.where('channel', '=', 'sms')
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<', until.toISOString())
		.executeTakeFirst();
	return Number(held.numUpdatedRows);
}

/**
 * Takes up to BATCH due notices for this run. One statement, and it re-checks the status of each
 * row it changes: two runs (should a lease lapse mid-run) never take the same notice.
 */
async function claim(db: Db, now: Date): Promise<Notice[]> {
	const stamp = now.toISOString();
	const due = (eb: ExpressionBuilder<Database, 'notices'>) =>
		eb.and([
			eb('channel', '<>', 'post'),
			eb.or([
				eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', stamp)]),
				eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', stamp)])
			])
		]);
	return db
		.updateTable('notices')
		.set({
			status: 'sending',
			claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString(),
			attempts: sql<number>`attempts + 1`
		})
		.where('id', 'in', (eb) =>
			eb.selectFrom('notices').select('id').where(due).orderBy('next_attempt_at').limit(BATCH)
		)
		.where(due)
		.returningAll()
		.execute();
}

type Result =
	| { id: string; status: 'sent'; parts?: number; masked: string; recipient?: string }
	| { id: string; status: 'retry' | 'failed'; reason: string; masked: string | null }
	| { id: string; status: 'dropped' | 'held'; reason: string; masked?: string };

/**
 * Each notice of the batch that may go, checked against the stop list and its budgets (per
 * appointment, per recipient, the portal's day): a flood asked by one device or many ends here,
 * whatever reached the queue.
 */
async function applyBudgets(
	db: Db,
	claimed: Notice[],
	prepared: Map<string, Prepared>,
	deliverer: Deliverer,
	now: Date
): Promise<Map<string, Prepared>> {
	const recipients = new Map<string, string>();
	for (const notice of claimed) {
		const ready = prepared.get(notice.id)!;
		if ('message' in ready && typeof ready.message.to === 'string' && isBudgeted(notice.channel)) {
			recipients.set(
				notice.id,
				recipientKey(deliverer.recipientSecret, notice.channel, ready.message.to)
			);
		}
	}
	const [stopped, known] = await Promise.all([
		suppressedAmong(db, [...recipients.values()]),
		knownAmong(db, [...recipients.values()])
	]);
	const checked = new Map(prepared);
	for (const notice of claimed) {
		const ready = prepared.get(notice.id)!;
		if (!('message' in ready)) continue;
		const recipient = recipients.get(notice.id) ?? null;
		if (recipient && stopped.has(recipient)) {
			checked.set(notice.id, { drop: 'recipientStopped' });
			continue;
		}
		// Someone the portal never wrote to is told who asked and how to stop.
		if (recipient && ready.firstContact && !known.has(recipient)) {
			checked.set(notice.id, { message: ready.firstContact, recipient });
		} else if (recipient) checked.set(notice.id, { message: ready.message, recipient });
		const verdict = await spendBudget(db, notice, recipient, deliverer.settings, now);
		if (!verdict.go) {
			checked.set(
				notice.id,
				verdict.status === 'held' ? { hold: verdict.reason } : { drop: verdict.reason }
			);
		}
	}
	return checked;
}

async function sendOne(notice: Notice, prepared: Prepared, channel: Channel | undefined) {
	if ('drop' in prepared)
		return { id: notice.id, status: 'dropped', reason: prepared.drop } as Result;
	if ('hold' in prepared) return { id: notice.id, status: 'held', reason: prepared.hold } as Result;
	if ('fail' in prepared) {
		return { id: notice.id, status: 'failed', reason: prepared.fail, masked: null } as Result;
	}
	const masked = maskRecipient(prepared.message.to);
	if (!channel) {
		// Not configured (yet): kept, and tried again, so setting SMTP_URL later sends it.
		return {
			id: notice.id,
			status: 'retry',
			reason: `${notice.channel} not configured`,
			masked
		} as Result;
	}
	try {
		const delivered = await channel.send(prepared.message);
		return {
			id: notice.id,
			status: 'sent',
			parts: delivered.parts,
			masked,
			recipient: prepared.recipient
		} as Result;
	} catch (error) {
		const permanent = error instanceof DeliveryError && error.permanent;
		const reason = (error as Error).message.slice(0, 300);
		return { id: notice.id, status: permanent ? 'failed' : 'retry', reason, masked } as Result;
	}
}

/** Runs `work` over `items`, `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const index = next++;
				results[index] = await work(items[index]!);
			}
		})
	);
	return results;
}

/** Writes a batch's outcome in one transaction, each notice sent with its journal entry. */
async function record(db: Db, claimed: Notice[], results: Result[], now: Date) {
	const stamp = now.toISOString();
	const byId = new Map(claimed.map((n) => [n.id, n]));
	await db.transaction().execute(async (trx) => {
		for (const result of results) {
			const notice = byId.get(result.id)!;
			// Counted against the budgets once, whatever comes of it (a retry is not a new message).
			const budget = notice.budget ?? 'counted';
			if (result.status === 'sent') {
				await trx
					.updateTable('notices')
					.set({
						budget,
						status: 'sent',
						sent_at: stamp,
						claimed_until: null,
						recipient_masked: result.masked,
						parts: result.parts ?? null,
						last_error: null
					})
					.where('id', '=', result.id)
					.execute();
			} else if (result.status === 'dropped' || result.status === 'held') {
				// Held: past the day's cap, until an agent releases it ("Envois").
				await trx
					.updateTable('notices')
					.set({ status: result.status, claimed_until: null, last_error: result.reason })
					.where('id', '=', result.id)
					.execute();
			} else {
				const attempts = notice.attempts;
				const exhausted = attempts > BACKOFF_MINUTES.length;
				const failed = result.status === 'failed' || exhausted;
				const wait = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? 1;
				await trx
					.updateTable('notices')
					.set({
						budget,
						status: failed ? 'failed' : 'pending',
						claimed_until: null,
						next_attempt_at: new Date(now.getTime() + wait * MINUTE).toISOString(),
						recipient_masked: result.masked,
						last_error: result.reason
					})
					.where('id', '=', result.id)
					.execute();
			}
		}
		await rememberRecipients(
			trx,
			results.flatMap((r) => (r.status === 'sent' && r.recipient ? [r.recipient] : [])),
			now
		);
		const journal = results
			.filter((r) => r.status === 'sent' || r.status === 'failed')
			.map((r) => {
				const notice = byId.get(r.id)!;
				const parts = r.status === 'sent' && r.parts ? ` ${r.parts}` : '';
				return {
					at: stamp,
					staff_user_id: SYSTEM_ACTOR,
					action: r.status === 'sent' ? 'notice.sent' : 'notice.failed',
					subject_type: notice.subject_type,
					subject_id: notice.subject_id,
					detail: `${notice.kind} ${notice.channel}${parts}`
				};
			});
		for (let i = 0; i < journal.length; i += 100) {
			await trx
				.insertInto('audit_log')
				.values(journal.slice(i, i + 100))
				.execute();
		}
	});
}

/**
 * One run of the sender, on the instance holding the `notices` lease: reminders now due are
 * queued, SMS held through the quiet hours, and due notices sent a batch at a time, each batch's
 * outcome recorded before the next is taken.
 */
export async function deliverDue(
	db: Db,
	deliverer: Deliverer,
	clock: () => Date = () => new Date()
): Promise<DeliveryRun | null> {
	const leaseMs = Math.max(2 * deliverer.settings.tickMs, 2 * MINUTE);
	if (!(await takeLease(db, LEASE, clock(), leaseMs))) return null;
	const run: DeliveryRun = {
		queued: 0,
		sent: 0,
		retried: 0,
		failed: 0,
		dropped: 0,
		held: 0,
		overBudget: 0,
		smsParts: 0
	};
	try {
		run.queued = await queueDueReminders(
			db,
			clock(),
			deliverer.settings.reminderLeadMs,
			deliverer.settings.letterLeadMs
		);
		run.queued += await queueDueRenewals(db, clock());
		run.held = await holdQuietSms(db, clock(), deliverer.settings);
		for (;;) {
			const now = clock();
			const claimed = await claim(db, now);
			if (claimed.length === 0) break;
			const prepared = await applyBudgets(
				db,
				claimed,
				await prepareNotices(db, claimed, preparing(deliverer), now),
				deliverer,
				now
			);
			const results = await inParallel(claimed, PARALLEL, (notice) =>
				sendOne(notice, prepared.get(notice.id)!, deliverer.channels[notice.channel])
			);
			await record(db, claimed, results, clock());
			for (const r of results) {
				if (r.status === 'sent') {
					run.sent++;
					run.smsParts += r.parts ?? 0;
				} else if (r.status === 'retry') run.retried++;
				else if (r.status === 'failed') run.failed++;
				else if (r.status === 'held') run.overBudget++;
				else run.dropped++;
			}
			// Everything left was tried this run (a retry waits a minute at least).
			if (claimed.length < BATCH) break;
			if (!(await renewLease(db, LEASE, clock(), leaseMs))) break;
		}
	} finally {
		await releaseLease(db, LEASE);
	}
	return run;
}
