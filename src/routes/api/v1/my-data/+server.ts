import { json } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { requireDevice } from '$lib/server/devices/record';
import { exportDeviceData } from '$lib/server/privacy/export';

/** "Télécharger mes données": what the server holds from this tablet, answers included. */
export async function GET({ request }) {
	const device = requireDevice(request);
	if ('response' in device) return device.response;
	return json(await exportDeviceData(await database(), device.hash), {
		headers: { 'cache-control': 'private, no-store' }
	});
}
