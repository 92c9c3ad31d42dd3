import { json } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { requireDevice } from '$lib/server/devices/record';
import { ownRecords } from '$lib/server/devices/own-records';

export async function GET({ request }) {
	const device = requireDevice(request);
	if ('response' in device) return device.response;
	const deviceHash = device.hash;
	return json(await ownRecords(await database(), deviceHash), {
		headers: { 'cache-control': 'private, no-store' }
	});
}
