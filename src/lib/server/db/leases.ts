import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from './open';

/** This process, as a lease holder: unique even for two instances on one machine. */
export const THIS_INSTANCE = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * Takes the lease `name` until `now + ttlMs` if no one holds it or its holder's time is up (its
 * holder too gets it again only then: a daily job's lease says "done for today"). One statement:
 * two instances asking at the same moment cannot both get it.
 */
export async function takeLease(
	db: Db,
	name: string,
	now: Date,
	ttlMs: number,
	holder = THIS_INSTANCE
): Promise<boolean> {
	const until = new Date(now.getTime() + ttlMs).toISOString();
	const row = await db
		.insertInto('leases')
		.values({ name, holder, expires_at: until })
		.onConflict((oc) =>
			oc
				.column('name')
				.doUpdateSet({ holder, expires_at: until })
				.where('leases.expires_at', '<=', now.toISOString())
		)
		.returning('holder')
		.executeTakeFirst();
	return row?.holder === holder;
}

/** Keeps a lease held a while longer (a long job still at work): false if it was lost meanwhile. */
export async function renewLease(
	db: Db,
	name: string,
	now: Date,
	ttlMs: number,
	holder = THIS_INSTANCE
): Promise<boolean> {
	const renewed = await db
		.updateTable('leases')
		.set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
		.where('name', '=', name)
		.where('holder', '=', holder)
		.where('expires_at', '>', now.toISOString())
		.executeTakeFirst();
	return Number(renewed.numUpdatedRows) === 1;
}

/** Gives the lease up at once, so that another instance may take it at its next try. */
export async function releaseLease(db: Db, name: string, holder = THIS_INSTANCE) {
	await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}
