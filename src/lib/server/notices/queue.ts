import type { Transaction } from 'kysely';
import { fromListColumn, type NoticeChannel, type NoticeChoice } from '$lib/notices/choice';
import type { Database, NoticeKind } from '../db/schema';
import { noticeSettings } from './settings';

type Trx = Transaction<Database>;

export interface NoticeEvent {
	subjectType: 'appointment' | 'request';
	subjectId: string;
	kind: NoticeKind;
	/** Which occurrence of the kind: the change's id, the reminded start, the request event. */
	event: string;
	channels: readonly NoticeChannel[];
	wording?: string;
	now: Date;
}

/** The key is the row's id: queueing the same notice twice (a replay, two instances) adds nothing. */
export const noticeId = (subjectId: string, kind: string, event: string, channel: string) =>
	`${subjectId}/${kind}/${event}/${channel}`;

/** Queues one notice per channel, in the caller's transaction: it exists only if the change does. */
export async function queueNotice(trx: Trx, notice: NoticeEvent): Promise<void> {
	if (notice.channels.length === 0) return;
	const stamp = notice.now.toISOString();
	await trx
		.insertInto('notices')
		.values(
			notice.channels.map((channel) => ({
				id: noticeId(notice.subjectId, notice.kind, notice.event, channel),
				subject_type: notice.subjectType,
				subject_id: notice.subjectId,
				kind: notice.kind,
				event: notice.event,
				channel,
				wording: notice.wording ?? null,
				status: 'pending' as const,
				next_attempt_at: stamp,
				created_at: stamp
			}))
		)
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
}

/** Reminders of an appointment not sent yet, for a time it no longer has (or at all). */
async function dropReminders(trx: Trx, appointmentId: string, exceptStart?: string) {
	let query = trx
		.updateTable('notices')
		.set({ status: 'dropped', last_error: 'superseded' })
		.where('subject_id', '=', appointmentId)
		.where('kind', '=', 'reminder')
		.where('status', '=', 'pending');
	if (exceptStart) query = query.where('event', '<>', exceptStart);
	await query.execute();
}

interface AppointmentState {
	id: string;
	start_at: string;
	notify_channels: string;
	notify_kinds: string;
}

/**
 * What a booking, a change of time or a cancellation sends. One made inside the reminder's lead
 * time sends one message, the reminder worded as its confirmation, never two at once: the
 * reminder's key (its start) is then taken, and the reminder scan adds nothing.
 */
export async function appointmentChanged(
	trx: Trx,
	appointment: AppointmentState,
	change: 'booked' | 'changed' | 'cancelled',
	event: string,
	now: Date
): Promise<void> {
	const channels = fromListColumn<NoticeChannel>(appointment.notify_channels);
	const kinds = fromListColumn<NoticeChoice>(appointment.notify_kinds);
	const base = { subjectType: 'appointment' as const, subjectId: appointment.id, channels, now };
	if (change === 'cancelled') {
		await dropReminders(trx, appointment.id);
		if (kinds.includes('confirmation')) await queueNotice(trx, { ...base, kind: change, event });
		return;
	}
	await dropReminders(trx, appointment.id, appointment.start_at);
	const { reminderLeadMs, letterLeadMs } = noticeSettings();
	const ahead = Date.parse(appointment.start_at) - now.getTime();
	// Inside its channel's lead time, the reminder is the confirmation; letters have a longer one.
	const soon = (channel: NoticeChannel) =>
		ahead <= (channel === 'post' ? letterLeadMs : reminderLeadMs);
	const remindNow = kinds.includes('reminder') ? channels.filter(soon) : [];
	const confirm = kinds.includes('confirmation')
		? channels.filter((c) => !remindNow.includes(c))
		: [];
	if (remindNow.length) {
		await queueNotice(trx, {
			...base,
			channels: remindNow,
			kind: 'reminder',
			event: appointment.start_at,
			wording: change
		});
	}
	if (confirm.length) await queueNotice(trx, { ...base, channels: confirm, kind: change, event });
}

/** A request moved on (in progress, done, refused): her notice, if she asked for one. */
export async function requestStatusChanged(
	trx: Trx,
	request: { id: string; notify_channels: string; notify_kinds: string },
	event: string,
	now: Date
): Promise<void> {
	if (!fromListColumn<NoticeChoice>(request.notify_kinds).includes('status')) return;
	await queueNotice(trx, {
		subjectType: 'request',
		subjectId: request.id,
		kind: 'status',
		event,
		channels: fromListColumn<NoticeChannel>(request.notify_channels),
		now
	});
}
