import { API, answerOf } from '$lib/contract/client';
import { catalogueDeltaSchema } from '$lib/contract/catalogue';
import type { PortalDatabase } from './db';

export const META = {
	cursor: 'catalogue.cursor',
	etag: 'catalogue.etag',
	updatedAt: 'catalogue.updatedAt',
	checkedAt: 'catalogue.checkedAt',
	synonyms: 'catalogue.synonyms'
} as const;

export type PullResult = 'updated' | 'unchanged';

/**
 * Asks the server what changed since the device's cursor and applies it in one transaction,
 * so the device never holds half a delta.
 */
export async function pullCatalogue(
	db: PortalDatabase,
	fetcher: typeof fetch = fetch,
	now: () => Date = () => new Date()
): Promise<PullResult> {
	const [cursor, etag] = await Promise.all([
		db.getMeta<string>(META.cursor),
		db.getMeta<string>(META.etag)
	]);
	const url = cursor ? API.catalogue(cursor) : API.catalogue();
	const response = await fetcher(url, {
		headers: etag && cursor ? { 'if-none-match': etag } : {},
		cache: 'no-store'
	});
	const checkedAt = now().toISOString();
	if (response.status === 304) {
		await db.meta.put({ key: META.checkedAt, value: checkedAt });
		return 'unchanged';
	}
	if (!response.ok) throw new Error(`Catalogue sync failed with HTTP ${response.status}`);
	const delta = await answerOf(response, catalogueDeltaSchema);
	const changed =
		delta.full ||
		[delta.themes, delta.services, delta.forms, ...Object.values(delta.deleted)].some(
			(list) => list.length > 0
		) ||
		(delta.synonyms !== undefined && !delta.full);
	await db.transaction('rw', db.themes, db.services, db.forms, db.meta, async () => {
		if (delta.full) {
			await Promise.all([db.themes.clear(), db.services.clear(), db.forms.clear()]);
		}
		await db.themes.bulkPut(delta.themes);
		await db.services.bulkPut(delta.services);
		await db.forms.bulkPut(delta.forms);
		await db.themes.bulkDelete(delta.deleted.themes);
		await db.services.bulkDelete(delta.deleted.services);
		await db.forms.bulkDelete(delta.deleted.forms);
		const entries: { key: string; value: unknown }[] = [
			{ key: META.cursor, value: delta.cursor },
			{ key: META.etag, value: response.headers.get('etag') ?? undefined },
			{ key: META.checkedAt, value: checkedAt }
		];
		if (delta.synonyms) entries.push({ key: META.synonyms, value: delta.synonyms });
		if (changed || !(await db.getMeta(META.updatedAt))) {
			entries.push({ key: META.updatedAt, value: checkedAt });
		}
		await db.meta.bulkPut(entries);
	});
	return changed ? 'updated' : 'unchanged';
}
