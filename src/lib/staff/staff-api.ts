import { answerOf } from '$lib/contract/client';
import { browser } from '$app/environment';
import type * as v from 'valibot';
import type { staffMeSchema } from '$lib/contract/staff';
import { error, redirect } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';
import { SIGN_IN_PATH } from './paths';
import { renewCopyKey } from './offline/copy-key';
import { wipeStaffCopies } from './offline/staff-copy';

export type StaffMe = v.InferOutput<typeof staffMeSchema>;

export type StaffAnswer<T> = { offline: true } | { offline: false; data: T };

/** A proxy answering for a server that is down is no better than no connection at all. */
const UNREACHABLE = new Set([502, 503, 504]);

/**
 * Reads the staff API for a page's load. Offline (in the browser only) it says so, and the page
 * falls back on the device's copies; an ended session sends the agent to sign in again.
 */
export async function staffGet<S extends v.GenericSchema>(
	fetch: typeof globalThis.fetch,
	path: string,
	schema: S,
	here: URL
): Promise<StaffAnswer<v.InferOutput<S>>> {
	let response: Response;
	try {
		response = await fetch(path);
	} catch (cause) {
		if (browser && cause instanceof TypeError) return { offline: true };
		throw cause;
	}
	if (browser && UNREACHABLE.has(response.status)) return { offline: true };
	if (response.status === 401) {
		// The session is over: what it let the device keep goes too (unsent changes wait for her).
		if (browser) await wipeStaffCopies(portalDb(), true);
		redirect(303, `${SIGN_IN_PATH}?next=${encodeURIComponent(here.pathname + here.search)}&fin=1`);
	}
	if (!response.ok) error(response.status, response.status === 404 ? 'Not found' : 'Forbidden');
	if (browser) renewCopyKey();
	return { offline: false, data: await answerOf(response, schema) };
}
