import type { CatalogueDelta, Service, Theme } from '$lib/catalogue/types';
import { currentVersion } from '../db/counters';
import type { Db } from '../db/open';
import { CATALOGUE_COUNTER, SYNONYMS_KEY } from './import';
import { decodeForm, decodeService, decodeSynonyms, decodeTheme } from './columns';

/**
 * What changed after `since` (every live record when `since` is null). A cursor from the future
 * (the server's database was replaced) gets a full answer, flagged so the device starts over.
 */
export async function catalogueDelta(db: Db, since: number | null): Promise<CatalogueDelta> {
	const cursor = await currentVersion(db, CATALOGUE_COUNTER);
	const full = since === null || since > cursor;
	const after = full ? 0 : since;
	const changedIn = (table: 'catalogue_themes' | 'catalogue_services' | 'catalogue_forms') =>
		db
			.selectFrom(table)
			.select(['id', 'data', 'version', 'deleted'])
			.where('version', '>', after)
			.orderBy('version')
			.execute();
	const [themeRows, serviceRows, formRows, synonymRow] = await Promise.all([
		changedIn('catalogue_themes'),
		changedIn('catalogue_services'),
		changedIn('catalogue_forms'),
		db.selectFrom('app_meta').select('value').where('key', '=', SYNONYMS_KEY).executeTakeFirst()
	]);
	const synonyms = synonymRow ? decodeSynonyms(synonymRow.value) : { version: 0, groups: [] };
	const live = <T>(
		rows: { data: string; version: number; deleted: number }[],
		decode: (text: string) => Omit<T, 'version'>
	) =>
		rows
			.filter((r) => r.deleted === 0)
			.map((r) => ({ ...decode(r.data), version: Number(r.version) }));
	const gone = (rows: { id: string; deleted: number }[]) =>
		full ? [] : rows.filter((r) => r.deleted === 1).map((r) => r.id);
	return {
		cursor: String(cursor),
		full,
		themes: live<Theme>(themeRows, decodeTheme).sort((a, b) => a.position - b.position),
		services: live<Service>(serviceRows, decodeService),
		// A form's `version` is its content version (kept in its data), not the change counter.
		forms: formRows.filter((r) => r.deleted === 0).map((r) => decodeForm(r.data)),
		deleted: { themes: gone(themeRows), services: gone(serviceRows), forms: gone(formRows) },
		...(full || synonyms.version > after ? { synonyms: synonyms.groups } : {})
	};
}

export async function catalogueCursor(db: Db): Promise<number> {
	return currentVersion(db, CATALOGUE_COUNTER);
}
