import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';
import {
	queueStaffWrite,
	readOwner,
	setOwner,
	type StaffOwner
} from '$lib/staff/offline/staff-copy';
import { staffGet } from '$lib/staff/staff-api';

// No server load here: pages that read the device's copies must still open without a connection.
// The server's guard (hooks.server.ts) protects every staff address and API all the same.
export async function load({ fetch, url }) {
	const answer = await staffGet<StaffOwner>(fetch, '/api/v1/staff/me', url);
	if (answer.offline) {
		const owner = await readOwner(portalDb());
		if (!owner) error(503, 'Offline');
		return { staff: owner, offline: true };
	}
	if (browser) void queueStaffWrite(() => setOwner(portalDb(), answer.data));
	return { staff: answer.data, offline: false };
}
