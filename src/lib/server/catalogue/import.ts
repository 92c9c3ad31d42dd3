import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { catalogueFileSchema } from '$lib/catalogue/file-schema';
import { reserveVersions } from '../db/counters';
import type { Db } from '../db/open';
import { normalizeCatalogue, type ServiceRecord, type ThemeRecord } from './normalize';

export const CATALOGUE_COUNTER = 'catalogue';
const HASH_KEY = 'catalogue_file_sha256';

export interface ImportReport {
	skipped: boolean;
	changed: number;
	removed: number;
}

/**
 * Brings the database in line with the commune's catalogue file. Only records whose content changed
 * get a new version, and records gone from the file become tombstones, so devices receive a small delta.
 */
export async function importCatalogueFile(db: Db, path: string): Promise<ImportReport> {
	const text = readFileSync(path, 'utf8');
	const hash = createHash('sha256').update(text).digest('hex');
	const known = await db
		.selectFrom('app_meta')
		.select('value')
		.where('key', '=', HASH_KEY)
		.executeTakeFirst();
	if (known?.value === hash) return { skipped: true, changed: 0, removed: 0 };

	const parsed = v.safeParse(catalogueFileSchema, JSON.parse(text));
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
		throw new Error(`${path}: ${where} ${issue.message}`);
	}
	const { themes, services } = normalizeCatalogue(parsed.output);

	return db.transaction().execute(async (trx) => {
		const report = { skipped: false, changed: 0, removed: 0 };
		for (const [table, records] of [
			['catalogue_themes', themes],
			['catalogue_services', services]
		] as const) {
			const existing = await trx.selectFrom(table).select(['id', 'data', 'deleted']).execute();
			const byId = new Map(existing.map((row) => [row.id, row]));
			const changed = (records as (ThemeRecord | ServiceRecord)[]).filter((record) => {
				const row = byId.get(record.id);
				return !row || row.deleted === 1 || row.data !== JSON.stringify(record);
			});
			const wanted = new Set(records.map((r) => r.id));
			const removed = existing.filter((row) => row.deleted === 0 && !wanted.has(row.id));
			let version = await reserveVersions(trx, CATALOGUE_COUNTER, changed.length + removed.length);
			for (const record of changed) {
				const row = {
					id: record.id,
					position: record.position,
					data: JSON.stringify(record),
					version: version++,
					deleted: 0,
					...('themeId' in record ? { theme_id: record.themeId } : {})
				};
				await trx
					.insertInto(table)
					.values(row as never)
					.onConflict((oc) => oc.column('id').doUpdateSet(row as never))
					.execute();
			}
			for (const row of removed) {
				await trx
					.updateTable(table)
					.set({ deleted: 1, version: version++ })
					.where('id', '=', row.id)
					.execute();
			}
			report.changed += changed.length;
			report.removed += removed.length;
		}
		await trx
			.insertInto('app_meta')
			.values({ key: HASH_KEY, value: hash })
			.onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
			.execute();
		return report;
	});
}
