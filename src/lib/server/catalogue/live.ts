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

// One per database (tests open many). The cursor is read on every call: another instance that
// imported or edited the catalogue moved it, and this one rebuilds on its next request.
const held = new WeakMap<Db, LiveCatalogue>();

/** The live catalogue held in memory and rebuilt only when its cursor moves. */
export async function liveCatalogue(db: Db): Promise<LiveCatalogue> {
	const cursor = await catalogueCursor(db);
	const cached = held.get(db);
	if (cached?.cursor === cursor) return cached;
	const delta = await catalogueDelta(db, null);
	const themeOrder = new Map(delta.themes.map((t) => [t.id, t.position]));
	const services = [...delta.services].sort(
		(a, b) =>
			(themeOrder.get(a.themeId) ?? 0) - (themeOrder.get(b.themeId) ?? 0) || a.position - b.position
	);
	const live = {
		cursor: Number(delta.cursor),
		themes: delta.themes,
		services,
		forms: delta.forms,
		search: createSearchIndex(services, delta.synonyms)
	};
	held.set(db, live);
	return live;
}
