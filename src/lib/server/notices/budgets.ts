import { createHmac } from 'node:crypto';
import type { Db } from '../db/open';
import type { Notice } from '../db/schema';
import { bumpCounter } from '../quotas';
import { communeDay } from '$lib/time/commune-time';
import type { NoticeSettings } from './settings';

const DAY = 86_400_000;

/**
 * A recipient as the budgets and the stop list know it: the channel and a keyed hash of the
 * address or number, normalised (an e-mail in lower case, a number as its digits), so the same
 * person is one recipient whichever device or spelling asked, and no address is kept in clear.
 */
export function recipientKey(secret: Buffer, channel: string, to: string): string {
	const normal = channel === 'sms' ? to.replace(/\D/g, '') : to.trim().toLowerCase();
	const mac = createHmac('sha256', secret).update(`${channel}:${normal}`).digest('base64url');
	return `${channel}:${mac.slice(0, 32)}`;
}

/** The budgets count e-mails and SMS: a push goes to the asking tablet, a letter waits for an agent. */
export const isBudgeted = (channel: string) => channel === 'email' || channel === 'sms';

/** A recipient said stop (the "ne plus recevoir" link): nothing more goes to that address. */
export async function suppressRecipient(
	db: Db | Parameters<typeof bumpCounter>[0],
	recipient: string,
	source: string,
	now: Date
): Promise<void> {
	await db
		.insertInto('notice_suppressions')
		.values({
			recipient,
			channel: recipient.slice(0, recipient.indexOf(':')),
			source,
			created_at: now.toISOString()
		})
		.onConflict((oc) => oc.column('recipient').doNothing())
		.execute();
}

export async function suppressedAmong(db: Db, recipients: string[]): Promise<Set<string>> {
	if (recipients.length === 0) return new Set();
	const rows = await db
		.selectFrom('notice_suppressions')
		.select('recipient')
		.where('recipient', 'in', [...new Set(recipients)])
		.execute();
	return new Set(rows.map((r) => r.recipient));
}

/** Recipients the portal has written to before. */
export async function knownAmong(db: Db, recipients: string[]): Promise<Set<string>> {
	if (recipients.length === 0) return new Set();
	const rows = await db
		.selectFrom('notice_recipients')
		.select('recipient')
		.where('recipient', 'in', [...new Set(recipients)])
		.execute();
	return new Set(rows.map((r) => r.recipient));
}

/** Written to now: known from now on (and when last, so the retention job can forget them). */
export async function rememberRecipients(
	db: Parameters<typeof bumpCounter>[0],
	recipients: string[],
	now: Date
): Promise<void> {
	const stamp = now.toISOString();
	for (const recipient of new Set(recipients)) {
		await db
			.insertInto('notice_recipients')
			.values({ recipient, first_at: stamp, last_at: stamp })
			.onConflict((oc) => oc.column('recipient').doUpdateSet({ last_at: stamp }))
			.execute();
	}
}

/** A change told after the booking: what the per-appointment cap counts. */
const isChangeNotice = (notice: Notice) =>
	notice.kind === 'changed' ||
	notice.kind === 'cancelled' ||
	(notice.kind === 'reminder' && notice.wording === 'changed');

export type BudgetVerdict =
	| { go: true }
	| { go: false; status: 'dropped'; reason: string }
	| { go: false; status: 'held'; reason: string };

/**
 * Counts one notice against its budgets, the first time it is about to go (an agent's release
 * or a retry is not counted again), and says whether it may. Each counter is one atomic
 * statement: two instances or two runs never both take the last place of a budget.
 */
export async function spendBudget(
	db: Db,
	notice: Notice,
	recipient: string | null,
	settings: NoticeSettings,
	now: Date
): Promise<BudgetVerdict> {
	if (notice.budget !== null) return { go: true };
	const { budgets } = settings;
	const day = communeDay(now);
	const until = (days: number) => new Date(now.getTime() + days * DAY);
	if (notice.subject_type === 'appointment' && isChangeNotice(notice)) {
		const changes = await bumpCounter(
			db,
			`notice-changes:${notice.subject_id}:${notice.channel}:${day}`,
			until(2)
		);
		if (changes > budgets.changesPerAppointmentDay) {
			return { go: false, status: 'dropped', reason: 'appointmentBudget' };
		}
	}
	if (!recipient || !isBudgeted(notice.channel)) return { go: true };
	const today = await bumpCounter(db, `recipient:${recipient}:${day}`, until(2));
	const month = await bumpCounter(db, `recipient:${recipient}:${day.slice(0, 7)}`, until(32));
	if (today > budgets.recipientDay || month > budgets.recipientMonth) {
		return { go: false, status: 'dropped', reason: 'recipientBudget' };
	}
	const cap = notice.channel === 'sms' ? budgets.smsDay : budgets.emailDay;
	const sentToday = await bumpCounter(db, `daily:${notice.channel}:${day}`, until(2));
	if (sentToday > cap) return { go: false, status: 'held', reason: 'dailyBudget' };
	return { go: true };
}
