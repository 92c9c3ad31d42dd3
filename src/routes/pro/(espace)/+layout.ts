import { API } from '$lib/contract/client';
import { staffMeSchema } from '$lib/contract/staff';
import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';
import { rememberCopyKey } from '$lib/staff/offline/copy-key';
import {
	queueStaffWrite,
	readOwner,
	setOwner,
	staffWriteTicket,
	ticketValid
} from '$lib/staff/offline/staff-copy';
import { staffGet } from '$lib/staff/staff-api';

// No server load here: pages that read the device's copies must still open without a connection.
// The server's guard (hooks.server.ts) protects every staff address and API all the same.
export async function load({ fetch, url }) {
	const ticket = staffWriteTicket();
	const answer = await staffGet(fetch, API.staffMe, staffMeSchema, url);
	if (answer.offline) {
		const owner = await readOwner(portalDb());
		if (!owner) error(503, 'Offline');
		return { staff: owner, offline: true };
	}
	const { copyKey, copyKeyUntil, ...staff } = answer.data;
	if (browser && ticketValid(ticket)) {
		// The key stays in this tab (never in IndexedDB beside the copies it seals).
		rememberCopyKey(copyKey, copyKeyUntil);
		void queueStaffWrite(ticket, () => setOwner(portalDb(), staff));
	}
	return { staff, offline: false };
}
