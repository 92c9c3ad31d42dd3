import type { Transaction } from 'kysely';
import type { Database } from './schema';
import { newReference } from './reference';

/** A reference not yet used in `table` (a clash is one in hundreds of millions, but checked). */
export async function uniqueReference(
	trx: Transaction<Database>,
	table: 'requests' | 'appointments' | 'erasure_requests',
	prefix: 'D' | 'R' | 'E'
): Promise<string> {
	for (;;) {
		const reference = newReference(prefix);
		const taken = await trx
			.selectFrom(table)
			.select('id')
			.where('reference', '=', reference)
			.executeTakeFirst();
		if (!taken) return reference;
	}
}
