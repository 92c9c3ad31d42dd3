import { error } from '@sveltejs/kit';
import { catalogueSource } from '$lib/catalogue/source';

export async function load({ fetch, params, parent, depends }) {
	depends('app:catalogue');
	const { i18n } = await parent();
	const found = await catalogueSource(fetch).service(params.id);
	if (!found) error(404, 'errors.serviceNotFound');
	return {
		...found,
		title: i18n.pick(found.service.title),
		description: i18n.pick(found.service.summary)
	};
}
