import type { Transaction } from 'kysely';
import type { Appointment, Database } from '../db/schema';
import { appointmentChanged } from '../notices/queue';
import { lockAppointment, nextAppointmentVersions } from './rows';

export interface Cancellation {
	/** What caused it (a mutation, a call, a closed day): her notice is queued once per event. */
	event: string;
	now: Date;
	/** Why, in the office's words, shown to her ("Fermeture exceptionnelle"); none when she cancelled. */
	reason?: string;
	/** An agent did it or spoke with her: the office has seen it, its letter is printed without approval. */
	byOffice?: boolean;
}

/**
 * Cancels an appointment: the only code that does. Under the appointment's lock, a booked one
 * becomes cancelled with a new version (her tablet syncs it), frees its place and tells her on the
 * ways she chose, in the caller's transaction. Called by her tablet's outbox, her answer "cannot"
 * (link or tablet), the call list and the closing of a day alike. Already cancelled: nothing
 * changes, nothing is sent. Returns the appointment as it now stands, undefined if unknown.
 */
export async function cancelAppointment(
	trx: Transaction<Database>,
	appointmentId: string,
	how: Cancellation
): Promise<Appointment | undefined> {
	const appointment = await lockAppointment(trx, appointmentId);
	if (!appointment || appointment.status !== 'booked') return appointment;
	const stamp = how.now.toISOString();
	const changes = {
		status: 'cancelled' as const,
		updated_at: stamp,
		version: await nextAppointmentVersions(trx),
		...(how.reason ? { status_message: how.reason } : {}),
		...(how.byOffice ? { letters_approved_at: stamp } : {})
	};
	await trx.updateTable('appointments').set(changes).where('id', '=', appointment.id).execute();
	const cancelled = { ...appointment, ...changes };
	await appointmentChanged(trx, cancelled, 'cancelled', how.event, how.now);
	return cancelled;
}
