import type { QueryCreator } from 'kysely';
import type { Database } from '../db/schema';
import { decodeAppointmentType } from '../catalogue/columns';

/**
 * Appointments with what they are (their type) and whose they are (their service), as every list
 * and message reads them: the one join. Callers add their `where` and order.
 */
export const appointmentsWithKind = (db: QueryCreator<Database>) =>
	db
		.selectFrom('appointments as a')
		.leftJoin('appointment_types as t', 't.id', 'a.appointment_type_id')
		.leftJoin('catalogue_services as s', 's.id', 'a.service_id')
		.selectAll('a')
		.select(['t.data as type_data', 's.data as service_data']);

/** Its type, decoded; one gone from the catalogue since is named by its id, met at the office. */
export function kindOf(row: { type_data: string | null; appointment_type_id: string }) {
	return row.type_data
		? decodeAppointmentType(row.type_data)
		: {
				label: { fr: row.appointment_type_id },
				mode: 'in_person' as const,
				durationMinutes: 0,
				bring: undefined
			};
}
