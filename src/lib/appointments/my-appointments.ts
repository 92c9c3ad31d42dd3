import type { Service } from '$lib/catalogue/types';
import type { Answer } from '$lib/notices/kinds';
import type { PortalDatabase } from '$lib/offline/db';
import type { ServerRecord } from '$lib/offline/device-types';
import { enqueue } from '$lib/offline/outbox';
import { ofType, type OutboxItem } from '$lib/offline/outbox-types';
import { flushNow } from '$lib/offline/sync-engine';
import type { Whereabouts } from './place';

/** One line of "Mes rendez-vous": known to the town hall, or still waiting on this tablet. */
export interface MyAppointment {
	id: string;
	/** Known to the town hall… */
	record?: ServerRecord;
	/** …or still waiting on this device to be sent. */
	waiting?: OutboxItem;
	service?: Service;
	start: string;
	where: Whereabouts;
	cancelling: boolean;
	/** Her answer to the reminder waiting in the outbox, if any. */
	answering?: Answer;
	cancelledByTownHall: boolean;
	upcoming: boolean;
	/** When it ends (known, or from its kind's length while it waits to be sent). */
	end: string;
	/** Another of her upcoming appointments takes place at the same time. */
	overlaps: boolean;
}

type Timed = Pick<MyAppointment, 'id' | 'start' | 'end' | 'upcoming' | 'cancelling'> & {
	cancelledByTownHall: boolean;
};

/**
 * The ids of her upcoming appointments that take place at the same time as another (the end of
 * one is the start of the next: no overlap). Cancelled ones and those she is cancelling count not.
 */
export function overlapping(list: Timed[]): Set<string> {
	const live = list.filter((a) => a.upcoming && !a.cancelling && !a.cancelledByTownHall);
	const found = new Set<string>();
	for (const a of live) {
		for (const b of live) {
			if (
				a.id !== b.id &&
				Date.parse(a.start) < Date.parse(b.end) &&
				Date.parse(b.start) < Date.parse(a.end)
			) {
				found.add(a.id);
			}
		}
	}
	return found;
}

/**
 * "Mes rendez-vous" as one list, read from the tablet alone (offline too): what the town hall
 * knows, the bookings still waiting to be sent (marked), and what she asked meanwhile (a
 * cancellation, an answer) shown at once. Sorted by time.
 */
export async function myAppointments(
	db: PortalDatabase,
	now = Date.now()
): Promise<MyAppointment[]> {
	const [records, services, outbox, slots] = await Promise.all([
		db.records.where('kind').equals('appointment').toArray(),
		db.services.toArray(),
		db.outbox.where('status').equals('pending').toArray(),
		db.slots.toArray()
	]);
	const cancelling = new Set(
		outbox.filter(ofType('appointment.cancel')).map((i) => i.payload.appointmentId)
	);
	const answering = new Map(
		outbox
			.filter(ofType('appointment.answer'))
			.map((i) => [i.payload.appointmentId, i.payload.answer])
	);
	const modeOf = (serviceId: string, typeId: string) =>
		slots.find((s) => s.serviceId === serviceId)?.appointmentTypes.find((t) => t.id === typeId)
			?.mode ?? 'in_person';
	const known: MyAppointment[] = records.map((record) => {
		const service = services.find((s) => s.id === record.serviceId);
		return {
			id: record.id,
			record,
			service,
			start: record.start ?? '',
			where: {
				mode: record.mode ?? modeOf(record.serviceId, record.appointmentTypeId ?? ''),
				office: service?.contact,
				phone: record.contact?.phone,
				address: record.contact?.address
			},
			cancelling: cancelling.has(record.id) || answering.get(record.id) === 'cannot',
			answering: answering.get(record.id),
			// Cancelled by the town hall (the office closed that day): she must see it among
			// what is coming, not find it among past appointments.
			cancelledByTownHall: record.status === 'cancelled' && Boolean(record.statusMessage),
			upcoming:
				(record.status === 'booked' || Boolean(record.statusMessage)) &&
				Date.parse(record.end ?? '') > now,
			end: record.end ?? record.start ?? '',
			overlaps: false
		};
	});
	const lengthOf = (serviceId: string, typeId: string) =>
		slots.find((s) => s.serviceId === serviceId)?.appointmentTypes.find((t) => t.id === typeId)
			?.durationMinutes ?? 30;
	const waiting: MyAppointment[] = outbox.filter(ofType('appointment.book')).map((item) => {
		const { payload } = item;
		const service = services.find((s) => s.id === payload.serviceId);
		return {
			id: item.id,
			waiting: item,
			service,
			start: payload.start,
			where: {
				mode: modeOf(payload.serviceId, payload.appointmentTypeId),
				office: service?.contact,
				phone: payload.contact?.phone,
				address: payload.contact?.address
			},
			cancelling: false,
			cancelledByTownHall: false,
			upcoming: true,
			end: new Date(
				Date.parse(payload.start) + lengthOf(payload.serviceId, payload.appointmentTypeId) * 60_000
			).toISOString(),
			overlaps: false
		};
	});
	const all = [...known, ...waiting];
	const clash = overlapping(all);
	return all
		.map((a) => ({ ...a, overlaps: clash.has(a.id) }))
		.sort((a, b) => a.start.localeCompare(b.start));
}

/** Her answer to a reminder, as from its links: kept in the outbox, sent when online. */
export async function answerReminder(
	db: PortalDatabase,
	appointmentId: string,
	label: string,
	answer: Answer
) {
	await enqueue(db, 'appointment.answer', { appointmentId, answer }, label);
	await flushNow();
}

/** Cancels from her tablet: kept in the outbox, sent when online, shown at once as cancelling. */
export async function cancelMine(db: PortalDatabase, appointmentId: string, label: string) {
	await enqueue(db, 'appointment.cancel', { appointmentId }, label);
	await flushNow();
}

/**
 * Bookings the town hall could not take (the time was taken, a limit was reached), kept on the
 * tablet until she removes them: listed in "Mes rendez-vous" with why, and what she can do.
 */
export async function refusedBookings(db: PortalDatabase) {
	const items = await db.outbox.where('status').anyOf('rejected', 'conflict').toArray();
	return items
		.filter(ofType('appointment.book'))
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** She has read why and removes a refused booking from her list (nothing was booked). */
export async function removeRefused(db: PortalDatabase, id: string) {
	await db.outbox
		.where('id')
		.equals(id)
		.filter((item) => item.status === 'rejected' || item.status === 'conflict')
		.delete();
}
