import { json } from '@sveltejs/kit';
import { liveCatalogue } from '$lib/server/catalogue/live';
import { database } from '$lib/server/context';
import { apiError, noCache } from '$lib/server/http';

export async function GET({ params }) {
	const { themes, services } = await liveCatalogue(await database());
	const service = services.find((s) => s.id === params.id);
	const theme = service && themes.find((t) => t.id === service.themeId);
	if (!service || !theme) return apiError(404, 'not_found', 'No service has this identifier.');
	return json({ service, theme }, { headers: noCache });
}
