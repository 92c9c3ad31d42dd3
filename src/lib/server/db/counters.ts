import type { Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Reserves `count` consecutive versions of a counter inside the caller's transaction, in one
 * statement: two transactions never read the same value and both write it (PostgreSQL does not
 * serialise writers as SQLite does). Answers the first of the versions reserved.
 */
export async function reserveVersions(
	trx: Transaction<Database>,
	name: string,
	count: number
): Promise<number> {
	const row = await trx
		.insertInto('change_counters')
		.values({ name, value: count })
		.onConflict((oc) =>
			oc.column('name').doUpdateSet((eb) => ({ value: eb('change_counters.value', '+', count) }))
		)
		.returning('value')
		.executeTakeFirstOrThrow();
	return Number(row.value) - count + 1;
}

export async function currentVersion(
	db: Transaction<Database> | import('kysely').Kysely<Database>,
	name: string
) {
	const row = await db
		.selectFrom('change_counters')
		.select('value')
		.where('name', '=', name)
		.executeTakeFirst();
	return Number(row?.value ?? 0);
}
