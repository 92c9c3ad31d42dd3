import * as v from 'valibot';
import { myDataSchema, type MyData } from '$lib/contract/privacy';
import { portalDb } from '$lib/offline/db';
import { fetchMyData } from '$lib/offline/sync-engine';
import { deviceKey } from '$lib/offline/device-key';
import { API } from '$lib/contract/client';
import { saveFile } from '$lib/components/save-file';
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

/**
 * A page she sent, from the town hall back to this tablet, saved as a file: the tablet frees its
 * own copy once her request is applied. False without a connection (or any answer but the page).
 */
export async function downloadOwnPage(page: { page: string; type: string }): Promise<boolean> {
	const db = portalDb();
	let response: Response;
	try {
		response = await fetch(API.ownPage(page.page), {
			headers: { authorization: `Device ${await deviceKey(db)}` }
		});
	} catch {
		return false;
	}
	if (!response.ok) return false;
	saveFile(
		await response.blob(),
		`page-${page.page.slice(0, 8)}.${page.type === 'application/pdf' ? 'pdf' : 'jpg'}`
	);
	return true;
}
