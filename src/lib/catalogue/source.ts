import { error } from '@sveltejs/kit';
import type { CatalogueSearch } from './search';
import { pageOf, type Paged } from './pages';
import { summarize, type ServiceSummary } from './summary';
import type { Service, Theme } from './types';
import { portalDb } from '$lib/offline/db';
import { META } from '$lib/offline/catalogue-sync';
import { ensureCatalogue } from '$lib/offline/sync-engine';
import { readsFromDevice } from '$lib/offline/render-mode';

export type ThemeWithCount = Theme & { serviceCount: number };
export type ThemePage = { theme: Theme; services: ServiceSummary[] } & Omit<
	Paged<ServiceSummary>,
	'items'
>;

/** The questions pages ask of the catalogue, answered by the API or by the device's store. */
export interface CatalogueSource {
	themes(): Promise<ThemeWithCount[]>;
	/** One page of a theme's services (pages.ts). */
	theme(id: string, page?: number): Promise<ThemePage | null>;
	service(id: string): Promise<{ service: Service; theme: Theme } | null>;
	search(query: string): Promise<ServiceSummary[]>;
}

function apiSource(fetcher: typeof fetch): CatalogueSource {
	const get = async <T>(path: string): Promise<T | null> => {
		const response = await fetcher(path);
		if (response.status === 404) return null;
		if (!response.ok)
			error(response.status >= 500 ? 503 : response.status, 'catalogue unavailable');
		return (await response.json()) as T;
	};
	return {
		themes: async () => (await get<{ themes: ThemeWithCount[] }>('/api/v1/themes'))?.themes ?? [],
		theme: (id, page = 1) => get(`/api/v1/themes/${encodeURIComponent(id)}?page=${page}`),
		service: (id) => get(`/api/v1/services/${encodeURIComponent(id)}`),
		search: async (q) =>
			(await get<{ results: ServiceSummary[] }>(`/api/v1/search?q=${encodeURIComponent(q)}`))
				?.results ?? []
	};
}

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

function deviceSource(): CatalogueSource {
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

/** The source a load should use now (see render-mode.ts for why it changes after hydration). */
export function catalogueSource(fetcher: typeof fetch): CatalogueSource {
	return readsFromDevice() ? deviceSource() : apiSource(fetcher);
}
