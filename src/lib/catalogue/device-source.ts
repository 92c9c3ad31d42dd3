import { error } from '@sveltejs/kit';
import { META } from '$lib/offline/catalogue-sync';
import { portalDb } from '$lib/offline/db';
import { ensureCatalogue } from '$lib/offline/sync-engine';
import { pageOf } from './pages';
import type { CatalogueSearch } from './search';
import type { CatalogueSource } from './source';
import { summarize } from './summary';

// The catalogue as the device holds it: every page drawn in the browser reads it from here.

let searchCache: { cursor: string; index: Promise<CatalogueSearch> } | undefined;

async function buildDeviceIndex(): Promise<CatalogueSearch> {
	const db = portalDb();
	const { buildSearchIndex } = await import('./search');
	const [services, synonyms] = await Promise.all([
		db.services.toArray(),
		db.getMeta<string[][]>(META.synonyms)
	]);
	const start = performance.now();
	const index = await buildSearchIndex(services, synonyms);
	performance.measure('portal:search-index', { start });
	return index;
}

export function deviceSource(): CatalogueSource {
	const db = portalDb();
	const ready = async () => {
		// 503 tells the error page to explain that this needs one visit with a connection first.
		if (!(await ensureCatalogue())) error(503, 'catalogue not on this device yet');
	};
	return {
		async themes() {
			await ready();
			const [themes, services] = await Promise.all([
				db.themes.orderBy('position').toArray(),
				db.services.toArray()
			]);
			return themes.map((theme) => ({
				...theme,
				serviceCount: services.filter((s) => s.themeId === theme.id).length
			}));
		},
		async theme(id, page = 1) {
			await ready();
			const theme = await db.themes.get(id);
			if (!theme) return null;
			const services = await db.services.where('themeId').equals(id).sortBy('position');
			const { items, ...paging } = pageOf(services, page);
			return { theme, services: items.map(summarize), ...paging };
		},
		async service(id) {
			await ready();
			const service = await db.services.get(id);
			const theme = service && (await db.themes.get(service.themeId));
			return service && theme ? { service, theme } : null;
		},
		async search(query) {
			await ready();
			const cursor = (await db.getMeta<string>(META.cursor)) ?? '';
			if (searchCache?.cursor !== cursor) {
				// Built on the first search only (most visits never search), once per catalogue.
				const index = buildDeviceIndex();
				searchCache = { cursor, index };
				// A build that failed is tried again at the next search, not remembered.
				index.catch(() => {
					if (searchCache?.index === index) searchCache = undefined;
				});
			}
			const index = await searchCache.index;
			return timed('portal:search-query', () => index.search(query)).map(summarize);
		}
	};
}

/** Runs `task` under a performance measure (read by `npm run bench` at 10,000 services). */
function timed<T>(name: string, task: () => T): T {
	const start = performance.now();
	try {
		return task();
	} finally {
		performance.measure(name, { start });
	}
}
