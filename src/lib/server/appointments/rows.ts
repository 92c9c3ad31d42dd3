import type { Transaction } from 'kysely';
import { reserveVersions } from '../db/counters';
import { dialectOf } from '../db/dialect';
import type { Appointment, Database } from '../db/schema';

/** The counter whose next value every change of an appointment takes (devices sync from it). */
const APPOINTMENTS_COUNTER = 'appointments';

/** Versions for `count` appointments changed in this transaction, the first returned. */
export const nextAppointmentVersions = (trx: Transaction<Database>, count = 1) =>
	reserveVersions(trx, APPOINTMENTS_COUNTER, count);

/**
 * Takes the appointment's lock and reads it: a cancellation, a change of time and an answer of
 * the same appointment decide one after the other, on one instance or several. Where both are
 * needed, the office's slots lock (slots.ts) is taken first, never the other way round.
 * `deviceHash`: only if this device made it.
 */
export async function lockAppointment(
	trx: Transaction<Database>,
	appointmentId: string,
	deviceHash?: string
): Promise<Appointment | undefined> {
	await dialectOf(trx).lock(trx, `appointment:${appointmentId}`);
	let query = trx.selectFrom('appointments').selectAll().where('id', '=', appointmentId);
	if (deviceHash) query = query.where('device_hash', '=', deviceHash);
	return query.executeTakeFirst();
}
