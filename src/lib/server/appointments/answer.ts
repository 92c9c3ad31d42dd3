import type { Transaction } from 'kysely';
import type { Answer } from '$lib/notices/kinds';
import type { Payload } from '$lib/contract/outbox';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import type { Appointment, Database } from '../db/schema';
import { cancelAppointment } from './cancel';
import { lockAppointment, nextAppointmentVersions } from './rows';

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
	// In turn with a cancellation or change of time of the same appointment.
	const appointment = await lockAppointment(trx, appointmentId, deviceHash);
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
		version: await nextAppointmentVersions(trx)
	};
	await trx.updateTable('appointments').set(changes).where('id', '=', appointment.id).execute();
	const cancelled =
		answer === 'cannot' && (await cancelAppointment(trx, appointment.id, { event, now }));
	return { status: 'answered', appointment: cancelled || { ...appointment, ...changes } };
}

/** Her answer to a reminder from "Mes rendez-vous", offline too (it waits in the outbox). */
export async function answerFromTablet(
	ctx: MutationContext,
	payload: Payload<'appointment.answer'>
): Promise<Outcome> {
	const outcome = await answerAppointment(
		ctx.trx,
		payload.appointmentId,
		payload.answer,
		ctx.mutation.id,
		ctx.now,
		ctx.deviceHash
	);
	if (outcome.status === 'unknown') {
		return rejected(fieldError('appointmentId', 'unknownAppointment'));
	}
	if (outcome.status === 'past') return rejected(fieldError('appointmentId', 'appointmentPast'));
	// Cancelled meanwhile (by the office, or her "cannot" sent twice): nothing left to answer.
	return {
		status: 'applied',
		reference: outcome.appointment!.reference,
		recordId: outcome.appointment!.id
	};
}
