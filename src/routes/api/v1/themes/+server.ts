import { json } from '@sveltejs/kit';
import { liveCatalogue } from '$lib/server/catalogue/live';
import { database } from '$lib/server/context';
import { noCache } from '$lib/server/http';

export async function GET() {
	const { themes, services } = await liveCatalogue(await database());
	const counts = new Map<string, number>();
	for (const s of services) counts.set(s.themeId, (counts.get(s.themeId) ?? 0) + 1);
	return json(
		{ themes: themes.map((theme) => ({ ...theme, serviceCount: counts.get(theme.id) ?? 0 })) },
		{ headers: noCache }
	);
}
