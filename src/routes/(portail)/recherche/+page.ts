import { catalogueSource } from '$lib/catalogue/source';

export async function load({ fetch, url, parent, depends }) {
	depends('app:catalogue');
	const { i18n } = await parent();
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const source = catalogueSource(fetch);
	const results = query ? await source.search(query) : [];
	return {
		query,
		results,
		// Nothing found: the themes, so she can look by subject rather than guess another word.
		themes: query && results.length === 0 ? await source.themes() : [],
		title: query ? i18n.t('search.titleWithQuery', { query }) : i18n.t('search.title')
	};
}
