import { API, answerOf } from '$lib/contract/client';
import { slotsAnswerSchema } from '$lib/contract/appointments';
import { ownRecordsSchema } from '$lib/contract/devices';
import type { PortalDatabase } from './db';
import type { ServerRecord } from './device-types';

/** Outbox notes of what created a record on the server (the record's id is the note's). */
const CREATING = ['request.submit', 'appointment.book'];

/**
 * Replaces the device's copy of its own requests and appointments with the server's answer. A
 * note of something sent before this answer was asked for, whose record the server no longer
 * has, was erased there (her erasure request, or the retention period): the note goes too, so
 * "Mes demandes" does not go on showing it as received.
 */
export async function pullOwnRecords(db: PortalDatabase, fetcher: typeof fetch, key: string) {
	const askedAt = new Date().toISOString();
	const response = await fetcher(API.ownRecords, {
		headers: { authorization: `Device ${key}` },
		cache: 'no-store'
	});
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const body = await answerOf(response, ownRecordsSchema);
	const records: ServerRecord[] = [
		...body.requests.map((r) => ({ ...r, kind: 'request' as const })),
		...body.appointments.map((a) => ({ ...a, kind: 'appointment' as const }))
	];
	const known = new Set(records.map((r) => r.id));
	await db.transaction('rw', db.records, db.outbox, async () => {
		await db.records.clear();
		await db.records.bulkPut(records);
		await db.outbox
			.where('status')
			.equals('sent')
			.filter(
				(item) =>
					CREATING.includes(item.type) &&
					Boolean(item.sentAt && item.sentAt < askedAt) &&
					!known.has(item.recordId ?? item.id)
			)
			.delete();
	});
}

/** Keeps the next 14 days of a service's free slots on the device, for booking offline. */
export async function pullSlots(db: PortalDatabase, fetcher: typeof fetch, serviceId: string) {
	const response = await fetcher(API.slots(serviceId), {
		cache: 'no-store'
	});
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const body = await answerOf(response, slotsAnswerSchema);
	await db.slots.put({ serviceId, fetchedAt: new Date().toISOString(), ...body });
}
