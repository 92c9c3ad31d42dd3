import { json } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { deviceHashOf } from '$lib/server/devices';
import { apiError } from '$lib/server/http';
import { ownRecords } from '$lib/server/outbox/own-records';

export async function GET({ request }) {
	const deviceHash = deviceHashOf(request);
	if (!deviceHash) {
		return apiError(
			401,
			'device_required',
			'Send the device key as "Authorization: Device <key>".'
		);
	}
	return json(await ownRecords(await database(), deviceHash), {
		headers: { 'cache-control': 'private, no-store' }
	});
}
