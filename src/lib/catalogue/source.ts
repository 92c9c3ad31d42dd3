import { error } from '@sveltejs/kit';
import type { Paged } from './pages';
import type { ServiceSummary } from './summary';
import type { Service, Theme } from './types';
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

/**
 * The device's store, loaded with the first page that reads it: the store (Dexie) and the sync
 * engine are not part of the first load, which the server draws.
 */
function deviceSource(): CatalogueSource {
	const source = () => import('./device-source').then((module) => module.deviceSource());
	return {
		themes: async () => (await source()).themes(),
		theme: async (id, page) => (await source()).theme(id, page),
		service: async (id) => (await source()).service(id),
		search: async (query) => (await source()).search(query)
	};
}

/** The source a load should use now (see render-mode.ts for why it changes after hydration). */
export function catalogueSource(fetcher: typeof fetch): CatalogueSource {
	return readsFromDevice() ? deviceSource() : apiSource(fetcher);
}
