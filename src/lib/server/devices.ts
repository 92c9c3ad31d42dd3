import { createHash } from 'node:crypto';
import type { Db } from './db/open';
import { apiError } from './http';

const KEY = /^Device ([A-Za-z0-9_-]{32,128})$/;

/**
 * The device's identity from `Authorization: Device <key>`. Only a hash of the key is stored, so a
 * copy of the database does not let anyone act as the device.
 */
export function deviceHashOf(request: Request): string | null {
	const match = KEY.exec(request.headers.get('authorization') ?? '');
	return match ? createHash('sha256').update(match[1]!).digest('hex') : null;
}

export async function touchDevice(db: Db, hash: string, now: string) {
	await db
		.insertInto('devices')
		.values({ key_hash: hash, created_at: now, last_seen_at: now })
		.onConflict((oc) => oc.column('key_hash').doUpdateSet({ last_seen_at: now }))
		.execute();
}

/** The device's hash, or the 401 to answer when the request carries no device key. */
export function requireDevice(request: Request): { hash: string } | { response: Response } {
	const hash = deviceHashOf(request);
	if (hash) return { hash };
	return {
		response: apiError(
			401,
			'device_required',
			'Send the device key as "Authorization: Device <key>".'
		)
	};
}
