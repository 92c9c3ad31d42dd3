import { json } from '@sveltejs/kit';
import { summarize } from '$lib/catalogue/summary';
import { liveCatalogue } from '$lib/server/catalogue/live';
import { database } from '$lib/server/context';
import { apiError, noCache } from '$lib/server/http';

export async function GET({ params }) {
	const { themes, services } = await liveCatalogue(await database());
	const theme = themes.find((t) => t.id === params.id);
	if (!theme) return apiError(404, 'not_found', 'No theme has this identifier.');
	return json(
		{ theme, services: services.filter((s) => s.themeId === theme.id).map(summarize) },
		{ headers: noCache }
	);
}
