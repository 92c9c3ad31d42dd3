import type { Transaction } from 'kysely';
import type { Database } from './schema';

/** Reserves `count` consecutive versions of a counter inside the caller's transaction. */
export async function reserveVersions(
	trx: Transaction<Database>,
	name: string,
	count: number
): Promise<number> {
	const row = await trx
		.selectFrom('change_counters')
		.select('value')
		.where('name', '=', name)
		.executeTakeFirst();
	const start = Number(row?.value ?? 0) + 1;
	if (row) {
		await trx
			.updateTable('change_counters')
			.set({ value: start + count - 1 })
			.where('name', '=', name)
			.execute();
	} else {
		await trx
			.insertInto('change_counters')
			.values({ name, value: start + count - 1 })
			.execute();
	}
	return start;
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
