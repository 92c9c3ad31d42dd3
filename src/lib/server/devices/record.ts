import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { apiError } from '../http';
import { mayAddDevice } from '../quotas';

const KEY = /^Device ([A-Za-z0-9_-]{32,128})$/;

/**
 * The device's identity from `Authorization: Device <key>`. Only a hash of the key is stored, so a
 * copy of the database does not let anyone act as the device.
 */
export function deviceHashOf(request: Request): string | null {
	const match = KEY.exec(request.headers.get('authorization') ?? '');
	return match ? createHash('sha256').update(match[1]!).digest('hex') : null;
}

/**
 * Records that the device was seen, inside the caller's transaction, and holds its row until commit
 * (a row lock on PostgreSQL; SQLite writes one at a time anyway), so one device's batches are applied
 * one after the other. A key seen for the first time counts against its address's hourly quota of
 * new keys (minting keys is free, so one script could pose as a thousand tablets): over it, `false`
 * comes back and the caller rolls back, so the key is not recorded and stays "new".
 */
export async function recordDevice(
	trx: Transaction<Database>,
	hash: string,
	address: string,
	now: Date
): Promise<boolean> {
	const stamp = now.toISOString();
	const touch = () =>
		trx
			.updateTable('devices')
			.set({ last_seen_at: stamp })
			.where('key_hash', '=', hash)
			.executeTakeFirst();
	if (Number((await touch()).numUpdatedRows) > 0) return true;
	const added = await trx
		.insertInto('devices')
		.values({ key_hash: hash, created_at: stamp, last_seen_at: stamp })
		.onConflict((oc) => oc.column('key_hash').doNothing())
		.returning('key_hash')
		.executeTakeFirst();
	if (added) return mayAddDevice(trx, address, now);
	// Recorded meanwhile by a simultaneous first request (counted there): now held here too.
	await touch();
	return true;
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
