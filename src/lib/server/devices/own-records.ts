import type { OwnAppointment } from '$lib/contract/appointments';
import type { OwnRequest } from '$lib/contract/requests';
import type { Db } from '../db/open';
import { isoWithOffset } from '../time';
import { TZDate } from '@date-fns/tz';
import { TIME_ZONE } from '../time';
import { appointmentsWithKind, kindOf } from '../appointments/reads';
import { ownThreads } from '../messages/reads';
import { registrationOf } from '../requests/registration';

const local = (utc: string) => isoWithOffset(new TZDate(Date.parse(utc), TIME_ZONE));

/** What one device sent and where it stands; never another device's, never the answers themselves. */
export async function ownRecords(db: Db, deviceHash: string) {
	const [requests, appointments] = await Promise.all([
		db
			.selectFrom('requests')
			.selectAll()
			.where('device_hash', '=', deviceHash)
			.orderBy('created_at', 'desc')
			.execute(),
		appointmentsWithKind(db).where('a.device_hash', '=', deviceHash).orderBy('a.start_at').execute()
	]);
	// Their steps in one read, oldest first (never who did them: the agents stay the office).
	const events = requests.length
		? await db
				.selectFrom('request_events')
				.select(['request_id', 'status', 'message', 'at'])
				.where(
					'request_id',
					'in',
					requests.map((r) => r.id)
				)
				.orderBy('at')
				.orderBy('id')
				.execute()
		: [];
	const threads = await ownThreads(
		db,
		requests.map((r) => r.id)
	);
	return {
		requests: requests.map((r): OwnRequest => ({
			id: r.id,
			reference: r.reference,
			formId: r.form_id,
			serviceId: r.service_id,
			status: r.status,
			statusMessage: r.status_message,
			history: events
				.filter((e) => e.request_id === r.id)
				.map((e) => ({ status: e.status, message: e.message, at: e.at })),
			messages: threads.get(r.id) ?? [],
			registration: registrationOf(r),
			createdAt: r.created_at,
			updatedAt: r.updated_at
		})),
		appointments: appointments.map((a): OwnAppointment => ({
			id: a.id,
			reference: a.reference,
			serviceId: a.service_id,
			appointmentTypeId: a.appointment_type_id,
			start: local(a.start_at),
			end: local(a.end_at),
			status: a.status,
			mode: kindOf(a).mode,
			contact: { name: a.person_name, phone: a.person_phone, address: a.person_address },
			statusMessage: a.status_message,
			answer: (a.answer as OwnAppointment['answer']) ?? null,
			updatedAt: a.updated_at
		}))
	};
}
