import * as v from 'valibot';
import { API, answerOf } from '$lib/contract/client';
import {
	searchAnswerSchema,
	serviceAnswerSchema,
	themePageSchema,
	themesAnswerSchema
} from '$lib/contract/catalogue';
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
	const get = async <S extends v.GenericSchema>(
		path: string,
		schema: S
	): Promise<v.InferOutput<S> | null> => {
		const response = await fetcher(path);
		if (response.status === 404) return null;
		if (!response.ok)
			error(response.status >= 500 ? 503 : response.status, 'catalogue unavailable');
		return answerOf(response, schema);
	};
	return {
		themes: async () => (await get(API.themes, themesAnswerSchema))?.themes ?? [],
		theme: (id, page = 1) => get(API.theme(id, page), themePageSchema),
		service: (id) => get(API.service(id), serviceAnswerSchema),
		search: async (q) => (await get(API.search(q), searchAnswerSchema))?.results ?? []
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
