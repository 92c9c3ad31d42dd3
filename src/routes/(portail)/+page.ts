import { catalogueSource } from '$lib/catalogue/source';

export async function load({ fetch, parent, depends }) {
	depends('app:catalogue');
	const { i18n } = await parent();
	return { themes: await catalogueSource(fetch).themes(), title: i18n.t('home.title') };
}
