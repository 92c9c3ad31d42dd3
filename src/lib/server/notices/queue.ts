import type { Transaction } from 'kysely';
import { fromListColumn } from '$lib/notices/choice';
import type { NoticeChannel, NoticeChoice } from '$lib/notices/kinds';
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
export async function queueNotice(
	trx: Trx,
	notice: NoticeEvent & {
		/** A change waits for the next one (coalesced): sent after this delay. */
		delayMs?: number;
		/** Letters wait for an agent's approval unless an agent has seen their subject. */
		lettersApproved: boolean;
	}
): Promise<void> {
	if (notice.channels.length === 0) return;
	const stamp = notice.now.toISOString();
	const due = new Date(notice.now.getTime() + (notice.delayMs ?? 0)).toISOString();
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
				status:
					channel === 'post' && !notice.lettersApproved
						? ('awaiting' as const)
						: ('pending' as const),
				next_attempt_at: due,
				created_at: stamp
			}))
		)
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
}

const UNSENT = ['pending', 'awaiting', 'held'] as const;

/** Reminders of an appointment not sent yet, for a time it no longer has (or at all). */
async function dropReminders(trx: Trx, appointmentId: string, exceptStart?: string) {
	let query = trx
		.updateTable('notices')
		.set({ status: 'dropped', last_error: 'superseded' })
		.where('subject_id', '=', appointmentId)
		.where('kind', '=', 'reminder')
		.where('status', 'in', UNSENT);
	if (exceptStart) query = query.where('event', '<>', exceptStart);
	await query.execute();
}

/**
 * Drops the subject's unsent notices of these kinds (a later change tells the latest state)
 * and answers the channels each was on.
 */
async function dropUnsent(trx: Trx, subjectId: string, kinds: NoticeKind[]) {
	const dropped = await trx
		.updateTable('notices')
		.set({ status: 'dropped', last_error: 'superseded' })
		.where('subject_id', '=', subjectId)
		.where('kind', 'in', kinds)
		.where('status', 'in', UNSENT)
		.returning(['kind', 'channel'])
		.execute();
	return (kind: NoticeKind) => dropped.filter((d) => d.kind === kind).map((d) => d.channel);
}

/** Channels on which her booking's confirmation is still waiting: it will tell the latest state. */
async function unsentConfirmations(trx: Trx, appointmentId: string): Promise<NoticeChannel[]> {
	const rows = await trx
		.selectFrom('notices')
		.select('channel')
		.where('subject_id', '=', appointmentId)
		.where('kind', '=', 'booked')
		.where('status', 'in', UNSENT)
		.execute();
	return rows.map((r) => r.channel);
}

interface AppointmentState {
	id: string;
	start_at: string;
	notify_channels: string;
	notify_kinds: string;
	letters_approved_at: string | null;
}

/**
 * What a booking, a change of time or a cancellation sends. One made inside the reminder's lead
 * time sends one message, the reminder worded as its confirmation, never two at once: the
 * reminder's key (its start) is then taken, and the reminder scan adds nothing.
 *
 * Changes are coalesced: a change waits a quiet time and replaces the change notices not sent
 * yet, so a hundred moves in a minute tell her the last time once; a cancellation replaces them
 * too, and says nothing where she was never told of the booking. How many change notices one
 * appointment sends a day is counted when they go (delivery.ts).
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
	const base = {
		subjectType: 'appointment' as const,
		subjectId: appointment.id,
		channels,
		now,
		lettersApproved: appointment.letters_approved_at !== null
	};
	const { reminderLeadMs, letterLeadMs, budgets } = noticeSettings();
	if (change === 'cancelled') {
		await dropReminders(trx, appointment.id);
		const dropped = await dropUnsent(trx, appointment.id, ['booked', 'changed']);
		// Never told of the booking on a channel: nothing to take back there.
		const told = channels.filter((c) => !dropped('booked').includes(c));
		if (kinds.includes('confirmation')) {
			await queueNotice(trx, { ...base, channels: told, kind: change, event });
		}
		return;
	}
	await dropReminders(trx, appointment.id, appointment.start_at);
	let open = channels;
	let delayMs = 0;
	if (change === 'changed') {
		await dropUnsent(trx, appointment.id, ['changed']);
		const waiting = await unsentConfirmations(trx, appointment.id);
		open = channels.filter((c) => !waiting.includes(c));
		delayMs = budgets.changeQuietMs;
	}
	const ahead = Date.parse(appointment.start_at) - now.getTime();
	// Inside its channel's lead time, the reminder is the confirmation; letters have a longer one.
	const soon = (channel: NoticeChannel) =>
		ahead <= (channel === 'post' ? letterLeadMs : reminderLeadMs);
	const remindNow = kinds.includes('reminder') ? open.filter(soon) : [];
	const confirm = kinds.includes('confirmation') ? open.filter((c) => !remindNow.includes(c)) : [];
	if (remindNow.length) {
		await queueNotice(trx, {
			...base,
			channels: remindNow,
			kind: 'reminder',
			event: appointment.start_at,
			wording: change,
			delayMs
		});
	}
	if (confirm.length) {
		await queueNotice(trx, { ...base, channels: confirm, kind: change, event, delayMs });
	}
}

type RequestChoice = { id: string; notify_channels: string; notify_kinds: string };

/**
 * A notice about her request, on the channels she chose, if she asked to be told of its progress.
 * Only an agent's act queues one (the office has seen the request: its letters need no approval).
 */
async function requestNotice(
	trx: Trx,
	request: RequestChoice,
	notice: { kind: NoticeKind; event: string; now: Date; delayMs?: number }
) {
	if (!fromListColumn<NoticeChoice>(request.notify_kinds).includes('status')) return;
	await queueNotice(trx, {
		subjectType: 'request',
		subjectId: request.id,
		channels: fromListColumn<NoticeChannel>(request.notify_channels),
		lettersApproved: true,
		...notice
	});
}

/** A request moved on (in progress, done, refused): her notice, if she asked for one. */
export const requestStatusChanged = (trx: Trx, request: RequestChoice, event: string, now: Date) =>
	requestNotice(trx, request, { kind: 'status', event, now });

/**
 * The office wrote to her: "Vous avez un message de la mairie". Messages are coalesced: one waits
 * a quiet time and replaces the message notice not sent yet, so an agent's three messages in a
 * row tell her once.
 */
export async function messageQueued(trx: Trx, request: RequestChoice, event: string, now: Date) {
	await dropUnsent(trx, request.id, ['message']);
	await requestNotice(trx, request, {
		kind: 'message',
		event,
		now,
		delayMs: noticeSettings().budgets.changeQuietMs
	});
}
