import { error } from '@sveltejs/kit';
import { catalogueSource } from '$lib/catalogue/source';

export async function load({ fetch, params, parent, depends }) {
	depends('app:catalogue');
	const { i18n } = await parent();
	const found = await catalogueSource(fetch).theme(params.id);
	if (!found) error(404, 'errors.themeNotFound');
	return {
		...found,
		title: i18n.pick(found.theme.title),
		description: i18n.pick(found.theme.description)
	};
}
