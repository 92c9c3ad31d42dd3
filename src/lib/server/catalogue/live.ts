import type { FormDefinition } from '$lib/forms/types';
import type { Service, Theme } from '$lib/catalogue/types';
import { createSearchIndex, type CatalogueSearch } from '$lib/catalogue/search';
import type { Db } from '../db/open';
import { catalogueCursor, catalogueDelta } from './delta';

export interface LiveCatalogue {
	cursor: number;
	themes: Theme[];
	services: Service[];
	forms: FormDefinition[];
	search: CatalogueSearch;
}

let cached: LiveCatalogue | undefined;

/** The live catalogue held in memory and rebuilt only when its cursor moves. */
export async function liveCatalogue(db: Db): Promise<LiveCatalogue> {
	const cursor = await catalogueCursor(db);
	if (cached?.cursor === cursor) return cached;
	const delta = await catalogueDelta(db, null);
	const themeOrder = new Map(delta.themes.map((t) => [t.id, t.position]));
	const services = [...delta.services].sort(
		(a, b) =>
			(themeOrder.get(a.themeId) ?? 0) - (themeOrder.get(b.themeId) ?? 0) || a.position - b.position
	);
	cached = {
		cursor: Number(delta.cursor),
		themes: delta.themes,
		services,
		forms: delta.forms,
		search: createSearchIndex(services, delta.synonyms)
	};
	return cached;
}
