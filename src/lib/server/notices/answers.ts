import type { Transaction } from 'kysely';
import type { Answer } from '$lib/notices/choice';
import { reserveVersions } from '../db/counters';
import { dialectOf } from '../db/dialect';
import type { Appointment, Database } from '../db/schema';
import { APPOINTMENTS_COUNTER } from '../outbox/appointments';
import { appointmentChanged } from './queue';

export type AnswerOutcome =
	| { status: 'answered'; appointment: Appointment }
	| { status: 'cancelled' | 'past' | 'unknown' | 'moved'; appointment?: Appointment };

/**
 * Her answer to a reminder, from a signed link or from her tablet. "cannot" cancels and frees the
 * place (and tells her so, like any cancellation); "callback" puts her on the office's call list.
 * The same answer twice changes nothing; a later one replaces the earlier.
 */
export async function answerAppointment(
	trx: Transaction<Database>,
	appointmentId: string,
	answer: Answer,
	event: string,
	now: Date,
	deviceHash?: string,
	/** The time the answer was asked about (a signed link): moved since, nothing is done. */
	remindedStart?: number
): Promise<AnswerOutcome> {
	// In turn with a cancellation or change of time of the same appointment (outbox/appointments.ts).
	await dialectOf(trx).lock(trx, `appointment:${appointmentId}`);
	let query = trx.selectFrom('appointments').selectAll().where('id', '=', appointmentId);
	if (deviceHash) query = query.where('device_hash', '=', deviceHash);
	const appointment = await query.executeTakeFirst();
	if (!appointment) return { status: 'unknown' };
	if (appointment.status === 'cancelled') return { status: 'cancelled', appointment };
	if (Date.parse(appointment.end_at) <= now.getTime()) return { status: 'past', appointment };
	// Checked under the appointment's lock: a move committed first wins over an old link.
	if (remindedStart !== undefined && remindedStart !== Date.parse(appointment.start_at)) {
		return { status: 'moved', appointment };
	}
	if (appointment.answer === answer) return { status: 'answered', appointment };
	const stamp = now.toISOString();
	const changes = {
		answer,
		answered_at: stamp,
		updated_at: stamp,
		version: await reserveVersions(trx, APPOINTMENTS_COUNTER, 1),
		...(answer === 'cannot' ? { status: 'cancelled' as const } : {})
	};
	await trx.updateTable('appointments').set(changes).where('id', '=', appointment.id).execute();
	if (answer === 'cannot') await appointmentChanged(trx, appointment, 'cancelled', event, now);
	return { status: 'answered', appointment: { ...appointment, ...changes } };
}
