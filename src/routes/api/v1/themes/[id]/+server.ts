import { json } from '@sveltejs/kit';
import { pageOf, pageParam } from '$lib/catalogue/pages';
import { summarize } from '$lib/catalogue/summary';
import { liveCatalogue } from '$lib/server/catalogue/live';
import { database } from '$lib/server/context';
import { apiError, noCache } from '$lib/server/http';

export async function GET({ params, url }) {
	const raw = url.searchParams.get('page');
	if (raw !== null && pageParam(raw) !== Number(raw)) {
		return apiError(400, 'invalid_page', 'The "page" parameter must be a page number.', [
			{ field: 'page', message: 'must be a whole number from 1' }
		]);
	}
	const { themes, services } = await liveCatalogue(await database());
	const theme = themes.find((t) => t.id === params.id);
	if (!theme) return apiError(404, 'not_found', 'No theme has this identifier.');
	const { items, ...paging } = pageOf(
		services.filter((s) => s.themeId === theme.id),
		pageParam(raw)
	);
	return json({ theme, services: items.map(summarize), ...paging }, { headers: noCache });
}
