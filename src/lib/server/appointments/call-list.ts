import { randomUUID } from 'node:crypto';
import type { AppointmentMode } from '$lib/appointments/types';
import { communeDay } from '$lib/time/commune-time';
import type { Db } from '../db/open';
import type { ExpressionBuilder, Transaction } from 'kysely';
import type { CallOutcome, Database } from '../db/schema';
import { cancelAppointment } from './cancel';
import { lockAppointment } from './rows';
import { audit } from '../journal/audit';
import { addDays, atMinute } from '../time';
import { communeMinute } from '../notices/quiet-hours';
import { appointmentsWithKind, kindOf } from './reads';

/** A letter about the appointment not printed yet (to print, or awaiting the office's approval). */
const lateLetter = (eb: ExpressionBuilder<Database & { a: Database['appointments'] }, 'a'>) =>
	eb
		.selectFrom('notices as n')
		.select('n.id')
		.whereRef('n.subject_id', '=', 'a.id')
		.where('n.channel', '=', 'post')
		.where('n.status', 'in', ['pending', 'awaiting', 'held']);

/**
 * A letter printed today arrives after the post's days: one still unprinted for an appointment
 * sooner than this would come too late, so she is told by phone instead.
 */
const postArrival = (now: Date, letterPostDays: number) =>
	atMinute(addDays(communeDay(now), letterPostDays + 1), 0).toISOString();

/**
 * The appointments whose letter would come too late, for "Envois": each is on "À appeler" too
 * (until the letter is printed or she is reached), so the office sees why and where.
 */
export async function lettersTooLate(db: Db, now: Date, letterPostDays = 3) {
	const rows = await db
		.selectFrom('appointments as a')
		.select(['a.id', 'a.reference', 'a.person_name', 'a.start_at'])
		.where('a.status', '=', 'booked')
		.where('a.start_at', '>', now.toISOString())
		.where('a.start_at', '<', postArrival(now, letterPostDays))
		.where((eb) => eb.exists(lateLetter(eb)))
		.orderBy('a.start_at')
		.limit(100)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		name: r.person_name,
		start: r.start_at
	}));
}

export const CALL_OUTCOMES: readonly CallOutcome[] = [
	'reached',
	'no_answer',
	'cancelled',
	'rescheduled'
];
/**
 * What the call list's form records by itself; a new time or a cancellation is made on the
 * appointment's page (the move itself, the reason she reads), which then records the call.
 */
export const CALL_FORM_OUTCOMES: readonly CallOutcome[] = ['reached', 'no_answer'];
/** Outcomes that take her off the list; "no answer" keeps her on it, with the try shown. */
const SETTLED: readonly CallOutcome[] = ['reached', 'cancelled', 'rescheduled'];

export interface ToCall {
	appointmentId: string;
	serviceId: string;
	start: string;
	type: string;
	mode: AppointmentMode;
	reference: string;
	personName: string | null;
	personPhone: string | null;
	/**
	 * Why she is on the list: she asked to be called, she has not answered the reminder, or the
	 * letter that should tell her is not printed and would not reach her before the appointment.
	 */
	reason: 'callback' | 'silent' | 'letter';
	answeredAt: string | null;
	lastTry: { outcome: CallOutcome; at: string } | null;
}

/**
 * The office's call list: the people who answered "Rappelez-moi" to a reminder, and, from noon
 * (`callListHour`) the day before, those reminded of tomorrow's appointment who have not answered.
 * Someone reached (or whose appointment was cancelled or moved over the phone) leaves the list.
 */
export async function callList(
	db: Db,
	now: Date,
	callListHour = 12,
	letterPostDays = 3
): Promise<ToCall[]> {
	const today = communeDay(now);
	const tomorrowEnd = atMinute(addDays(today, 2), 0).toISOString();
	const afterNoon = communeMinute(now) >= callListHour * 60;
	const postArrives = postArrival(now, letterPostDays);
	const rows = await appointmentsWithKind(db)
		// Read with the row, not again: whether its letter would come too late.
		.select((eb) =>
			eb.and([eb('a.start_at', '<', postArrives), eb.exists(lateLetter(eb))]).as('letter_late')
		)
		.where('a.status', '=', 'booked')
		.where('a.start_at', '>', now.toISOString())
		.where((eb) =>
			eb.or([
				eb('a.answer', '=', 'callback'),
				eb.and([eb('a.start_at', '<', postArrives), eb.exists(lateLetter(eb))]),
				...(afterNoon
					? [
							eb.and([
								eb('a.answer', 'is', null),
								eb('a.start_at', '>=', atMinute(addDays(today, 1), 0).toISOString()),
								eb('a.start_at', '<', tomorrowEnd),
								eb.exists(
									eb
										.selectFrom('notices as n')
										.select('n.id')
										.whereRef('n.subject_id', '=', 'a.id')
										.where('n.kind', '=', 'reminder')
										.where('n.status', '=', 'sent')
										// A letter has reminded her only once the post could bring it.
										.where((n) =>
											n.or([
												n('n.channel', '!=', 'post'),
												n(
													'n.sent_at',
													'<=',
													new Date(now.getTime() - letterPostDays * 86_400_000).toISOString()
												)
											])
										)
								)
							])
						]
					: [])
			])
		)
		.orderBy('a.start_at')
		.execute();
	if (rows.length === 0) return [];
	const calls = await db
		.selectFrom('calls')
		.selectAll()
		.where(
			'appointment_id',
			'in',
			rows.map((r) => r.id)
		)
		.orderBy('at')
		.execute();
	const list: ToCall[] = [];
	for (const row of rows) {
		// Calls since she asked (a later "Rappelez-moi" puts her back on the list).
		const since = row.answer === 'callback' ? (row.answered_at ?? '') : '';
		const own = calls.filter((c) => c.appointment_id === row.id && c.at >= since);
		if (own.some((c) => SETTLED.includes(c.outcome))) continue;
		const type = kindOf(row);
		const last = own.at(-1);
		list.push({
			appointmentId: row.id,
			serviceId: row.service_id,
			start: row.start_at,
			type: type.label.fr,
			mode: type.mode,
			reference: row.reference,
			personName: row.person_name,
			personPhone: row.person_phone,
			reason: row.answer === 'callback' ? 'callback' : row.letter_late ? 'letter' : 'silent',
			answeredAt: row.answered_at,
			lastTry: last ? { outcome: last.outcome, at: last.at } : null
		});
	}
	return list;
}

/** What the office says when it cancels during the call: she reads it in "Mes rendez-vous". */
export const CANCELLED_BY_PHONE = 'annulé lors d’un appel avec la mairie';

/**
 * The outcome of a call, journaled. "cancelled" cancels the appointment there and then (the place
 * is freed, she gets the cancellation notice); "rescheduled" records that a new time was agreed.
 */
export async function recordCall(
	db: Db,
	appointmentId: string,
	outcome: CallOutcome,
	staffUserId: string,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const appointment = await lockAppointment(trx, appointmentId);
		if (!appointment) return false;
		if (outcome === 'cancelled') {
			// An agent spoke with her: the office has seen it, its letter is printed.
			await cancelAppointment(trx, appointmentId, {
				event: `call-${now.getTime()}`,
				now,
				reason: CANCELLED_BY_PHONE,
				byOffice: true
			});
		}
		await logCall(trx, appointmentId, outcome, staffUserId, now);
		return true;
	});
}

/**
 * A call's outcome written and journaled, in the transaction of what it settled: a change agreed
 * on the phone and its call are kept together or not at all.
 */
export async function logCall(
	trx: Transaction<Database>,
	appointmentId: string,
	outcome: CallOutcome,
	staffUserId: string,
	now: Date
) {
	await trx
		.insertInto('calls')
		.values({
			id: randomUUID(),
			appointment_id: appointmentId,
			outcome,
			staff_user_id: staffUserId,
			at: now.toISOString()
		})
		.execute();
	await audit(
		trx,
		{
			staffUserId,
			action: 'call.outcome',
			subjectType: 'appointment',
			subjectId: appointmentId,
			detail: outcome
		},
		now
	);
}
