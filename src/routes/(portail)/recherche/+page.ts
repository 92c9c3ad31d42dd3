import { catalogueSource } from '$lib/catalogue/source';

export async function load({ fetch, url, parent, depends }) {
	depends('app:catalogue');
	const { i18n } = await parent();
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const results = query ? await catalogueSource(fetch).search(query) : [];
	return {
		query,
		results,
		title: query ? i18n.t('search.titleWithQuery', { query }) : i18n.t('search.title')
	};
}
