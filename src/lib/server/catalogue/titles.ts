import type { Db } from '../db/open';
import { decodeService } from './columns';

/** The French titles of these services (withdrawn ones too: old records name them). */
export async function serviceTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await db
		.selectFrom('catalogue_services')
		.select(['id', 'data'])
		.where('id', 'in', unique)
		.execute();
	return new Map(rows.map((r) => [r.id, decodeService(r.data).title.fr]));
}
