import { json } from '@sveltejs/kit';
import { liveCatalogue } from '$lib/server/catalogue/live';
import { database } from '$lib/server/context';
import { noCache } from '$lib/server/http';

export async function GET() {
	const { forms } = await liveCatalogue(await database());
	return json({ forms }, { headers: noCache });
}
