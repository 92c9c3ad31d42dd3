import type { CatalogueDelta, Service, Theme } from '$lib/catalogue/types';
import { currentVersion } from '../db/counters';
import type { Db } from '../db/open';
import { CATALOGUE_COUNTER } from './import';

/**
 * What changed after `since` (every live record when `since` is null). A cursor from the future
 * (the server's database was replaced) gets a full answer, flagged so the device starts over.
 */
export async function catalogueDelta(db: Db, since: number | null): Promise<CatalogueDelta> {
	const cursor = await currentVersion(db, CATALOGUE_COUNTER);
	const full = since === null || since > cursor;
	const after = full ? 0 : since;
	const [themeRows, serviceRows] = await Promise.all([
		db
			.selectFrom('catalogue_themes')
			.selectAll()
			.where('version', '>', after)
			.orderBy('version')
			.execute(),
		db
			.selectFrom('catalogue_services')
			.selectAll()
			.where('version', '>', after)
			.orderBy('version')
			.execute()
	]);
	const live = <T>(rows: { data: string; version: number; deleted: number }[]) =>
		rows
			.filter((r) => r.deleted === 0)
			.map((r) => ({ ...JSON.parse(r.data), version: Number(r.version) }) as T);
	const gone = (rows: { id: string; deleted: number }[]) =>
		full ? [] : rows.filter((r) => r.deleted === 1).map((r) => r.id);
	return {
		cursor: String(cursor),
		full,
		themes: live<Theme>(themeRows).sort((a, b) => a.position - b.position),
		services: live<Service>(serviceRows),
		deleted: { themes: gone(themeRows), services: gone(serviceRows) }
	};
}

export async function catalogueCursor(db: Db): Promise<number> {
	return currentVersion(db, CATALOGUE_COUNTER);
}
