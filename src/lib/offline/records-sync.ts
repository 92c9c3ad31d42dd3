import type { OwnAppointment, OwnRequest } from '$lib/sync/records';
import type { SlotsAnswer } from '$lib/appointments/types';
import type { PortalDatabase } from './db';
import type { ServerRecord } from './device-types';

/** Replaces the device's copy of its own requests and appointments with the server's answer. */
export async function pullOwnRecords(db: PortalDatabase, fetcher: typeof fetch, key: string) {
	const response = await fetcher('/api/v1/requests', {
		headers: { authorization: `Device ${key}` },
		cache: 'no-store'
	});
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const body = (await response.json()) as {
		requests: OwnRequest[];
		appointments: OwnAppointment[];
	};
	const records: ServerRecord[] = [
		...body.requests.map((r) => ({ ...r, kind: 'request' as const })),
		...body.appointments.map((a) => ({ ...a, kind: 'appointment' as const }))
	];
	await db.transaction('rw', db.records, async () => {
		await db.records.clear();
		await db.records.bulkPut(records);
	});
}

/** Keeps the next 14 days of a service's free slots on the device, for booking offline. */
export async function pullSlots(db: PortalDatabase, fetcher: typeof fetch, serviceId: string) {
	const response = await fetcher(`/api/v1/slots?serviceId=${encodeURIComponent(serviceId)}`, {
		cache: 'no-store'
	});
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const body = (await response.json()) as SlotsAnswer;
	await db.slots.put({ serviceId, fetchedAt: new Date().toISOString(), ...body });
}
