import type { NoticeChannel } from '$lib/notices/kinds';
import { fromListColumn } from '$lib/notices/choice';
import type { Db } from '../db/open';
import { decodeService } from '../catalogue/columns';
import { appointmentsWithKind, kindOf } from './reads';
import { appointmentTypesOf, freeSlots } from './slots';

/**
 * One appointment as the office sees it: when, what, whom to expect and how she is told, who
 * booked or helped, and whether her own tablet follows it (it then shows what the office does).
 */
export async function appointmentForStaff(db: Db, id: string) {
	const row = await appointmentsWithKind(db)
		.leftJoin('staff_users as booker', 'booker.id', 'a.booked_by')
		.leftJoin('staff_users as helper', 'helper.id', 'a.helped_by')
		.select(['booker.display_name as booker_name', 'helper.display_name as helper_name'])
		.where('a.id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	const kind = kindOf(row);
	return {
		id: row.id,
		reference: row.reference,
		serviceId: row.service_id,
		office: row.service_data ? decodeService(row.service_data).title.fr : row.service_id,
		appointmentTypeId: row.appointment_type_id,
		type: kind.label.fr,
		mode: kind.mode,
		start: row.start_at,
		end: row.end_at,
		status: row.status,
		statusMessage: row.status_message,
		personName: row.person_name,
		personPhone: row.person_phone,
		personAddress: row.person_address,
		personEmail: row.person_email,
		notify: fromListColumn<NoticeChannel>(row.notify_channels),
		answer: row.answer,
		bookedBy: row.booker_name,
		helpedBy: row.helper_name,
		// Booked by an agent at his desk: no tablet of hers follows it.
		onHerTablet: !row.device_hash.startsWith('staff:')
	};
}

export type StaffAppointment = NonNullable<Awaited<ReturnType<typeof appointmentForStaff>>>;

/**
 * The times an agent may give on one commune day: every free place of the office (the devices'
 * share does not bind him), leaving out the appointment being moved.
 */
export async function officeTimes(
	db: Db,
	options: {
		serviceId: string;
		appointmentTypeId: string;
		day: string;
		now?: Date;
		ignoreAppointmentId?: string;
	}
) {
	const slots = await freeSlots(db, {
		serviceId: options.serviceId,
		appointmentTypeId: options.appointmentTypeId,
		fromDay: options.day,
		toDay: options.day,
		now: options.now ?? new Date(),
		ignoreAppointmentId: options.ignoreAppointmentId
	});
	return slots.filter((s) => s.remaining > 0);
}

/** An office's kinds of appointment, for the agent to choose one. */
export async function officeKinds(db: Db, serviceId: string) {
	return (await appointmentTypesOf(db, serviceId)).map((t) => ({
		id: t.id,
		label: t.label.fr,
		mode: t.mode,
		durationMinutes: t.durationMinutes
	}));
}
