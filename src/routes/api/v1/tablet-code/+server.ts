import { json } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { recordDevice, requireDevice } from '$lib/server/devices/record';
import { issueTabletCode } from '$lib/server/devices/tablet-code';
import { apiError } from '$lib/server/http';

class TooManyDevices extends Error {}

/** "Le code de ma tablette": a new code for this device (devices/tablet-code.ts). */
export async function POST({ request, getClientAddress }) {
	const device = requireDevice(request);
	if ('response' in device) return device.response;
	const now = new Date();
	const db = await database();
	try {
		const issued = await db.transaction().execute(async (trx) => {
			// A tablet never synced yet is recorded here, under its address's quota of new ones.
			if (!(await recordDevice(trx, device.hash, getClientAddress(), now))) {
				throw new TooManyDevices();
			}
			return issueTabletCode(trx, device.hash, now);
		});
		if ('refused' in issued) {
			return apiError(429, 'too_many_codes', 'Too many codes asked this hour: try again later.');
		}
		return json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		if (!(error instanceof TooManyDevices)) throw error;
		return apiError(429, 'too_many_devices', 'Too many new devices from this address this hour.');
	}
}
