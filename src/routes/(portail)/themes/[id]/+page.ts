import { error } from '@sveltejs/kit';
import { pageParam } from '$lib/catalogue/pages';
import { catalogueSource } from '$lib/catalogue/source';

export async function load({ fetch, params, url, parent, depends }) {
	depends('app:catalogue');
	const { i18n } = await parent();
	const found = await catalogueSource(fetch).theme(
		params.id,
		pageParam(url.searchParams.get('page'))
	);
	if (!found) error(404, 'errors.themeNotFound');
	return {
		...found,
		// "Page 2 sur 5" in the tab's name too: the page read aloud first says where she is.
		title:
			found.pages > 1
				? i18n.t('pages.titleOf', {
						title: i18n.pick(found.theme.title),
						page: found.page,
						pages: found.pages
					})
				: i18n.pick(found.theme.title),
		description: i18n.pick(found.theme.description)
	};
}
