import * as v from 'valibot';
import { myDataSchema, type MyData } from '$lib/contract/privacy';
import { portalDb } from '$lib/offline/db';
import { fetchMyData } from '$lib/offline/sync-engine';
import type { Service } from '$lib/catalogue/types';

/**
 * "Mes données" to read and print: what the server holds from this tablet, with the catalogue's
 * names of its services from the device; null without a connection (it is the server's word).
 */
export async function readMyData(): Promise<{
	data: MyData;
	services: Map<string, Service['title']>;
} | null> {
	const answer = v.safeParse(myDataSchema, await fetchMyData());
	if (!answer.success) return null;
	// Only her appointments' services: the catalogue may hold thousands.
	const ids = [...new Set(answer.output.appointments.map((a) => a.serviceId))];
	const services = (await portalDb().services.bulkGet(ids)).filter((s) => s !== undefined);
	return { data: answer.output, services: new Map(services.map((s) => [s.id, s.title])) };
}
