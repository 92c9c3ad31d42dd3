import { createHash } from 'node:crypto';
import type { Db } from './db/open';
import { apiError } from './http';
import { mayAddDevice } from './quotas';

const KEY = /^Device ([A-Za-z0-9_-]{32,128})$/;

/**
 * The device's identity from `Authorization: Device <key>`. Only a hash of the key is stored, so a
 * copy of the database does not let anyone act as the device.
 */
export function deviceHashOf(request: Request): string | null {
	const match = KEY.exec(request.headers.get('authorization') ?? '');
	return match ? createHash('sha256').update(match[1]!).digest('hex') : null;
}

class TooManyNewDevices extends Error {}

/**
 * Records that the device was seen. A key seen for the first time counts against its address's
 * hourly quota of new keys (minting keys is free, so one script could pose as a thousand
 * tablets); over it, the key is not recorded and `false` comes back.
 */
export async function registerDevice(
	db: Db,
	hash: string,
	address: string,
	now: Date
): Promise<boolean> {
	const stamp = now.toISOString();
	const seen = await db
		.updateTable('devices')
		.set({ last_seen_at: stamp })
		.where('key_hash', '=', hash)
		.executeTakeFirst();
	if (Number(seen.numUpdatedRows) > 0) return true;
	try {
		await db.transaction().execute(async (trx) => {
			const added = await trx
				.insertInto('devices')
				.values({ key_hash: hash, created_at: stamp, last_seen_at: stamp })
				.onConflict((oc) => oc.column('key_hash').doNothing())
				.returning('key_hash')
				.executeTakeFirst();
			// Recorded meanwhile by a simultaneous first request: counted there.
			if (added && !(await mayAddDevice(trx, address, now))) throw new TooManyNewDevices();
		});
		return true;
	} catch (error) {
		if (error instanceof TooManyNewDevices) return false;
		throw error;
	}
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
