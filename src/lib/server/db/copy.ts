import type { Transaction } from 'kysely';
import { dialectOf } from './dialect';
import type { Db } from './open';
import type { Database } from './schema';

/**
 * Every table of the portal, those others point to first (staff accounts before their sessions,
 * requests before their events). A test checks that no table of the schema is missing.
 */
export const TABLES = [
	'app_meta',
	'change_counters',
	'catalogue_themes',
	'catalogue_services',
	'catalogue_forms',
	'form_versions',
	'form_drafts',
	'appointment_types',
	'opening_hours',
	'closures',
	'devices',
	'mutations',
	'requests',
	'request_events',
	'request_messages',
	'appointments',
	'erasure_requests',
	'staff_users',
	'staff_sessions',
	'sign_in_tries',
	'quota_counters',
	'leases',
	'notices',
	'notice_suppressions',
	'notice_recipients',
	'push_subscriptions',
	'calls',
	'case_notes',
	'tablet_codes',
	'document_pages',
	'document_page_chunks',
	'audit_log'
] as const satisfies readonly (keyof Database)[];

type Table = (typeof TABLES)[number];

/** Rows written per statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 500;

async function count(db: Db | Transaction<Database>, table: Table): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export class TargetNotEmpty extends Error {}

export interface CopyReport {
	table: Table;
	rows: number;
}

/**
 * Copies a whole portal from `source` into `target`, an empty database of the same schema, in
 * one transaction on the target: either all of it is there, each table with as many rows as the
 * source, or nothing is. Refuses a target holding any row.
 */
export async function copyDatabase(source: Db, target: Db): Promise<CopyReport[]> {
	for (const table of TABLES) {
		const rows = await count(target, table);
		if (rows > 0) {
			throw new TargetNotEmpty(
				`the target database is not empty (${table}: ${rows} rows): give an empty one`
			);
		}
	}
	return target.transaction().execute(async (trx) => {
		const report: CopyReport[] = [];
		for (const table of TABLES) {
			let batch: Record<string, unknown>[] = [];
			const flush = async () => {
				if (batch.length > 0)
					await trx
						.insertInto(table)
						.values(batch as never)
						.execute();
				batch = [];
			};
			// Read as a stream: a département's requests need not all be in memory at once.
			// A page's chunks are 256 KiB each: a few at a time, not 500 (125 MB).
			const size = table === 'document_page_chunks' ? 4 : BATCH;
			for await (const row of source.selectFrom(table).selectAll().stream(size)) {
				batch.push(row as Record<string, unknown>);
				if (batch.length >= size) await flush();
			}
			await flush();
			const [from, to] = [await count(source, table), await count(trx, table)];
			if (from !== to) throw new Error(`${table}: ${from} rows in the source, ${to} copied`);
			report.push({ table, rows: to });
		}
		// The journal's numbers go on after the last one copied.
		await dialectOf(trx).continueNumbering(trx, 'audit_log', 'id');
		return report;
	});
}
