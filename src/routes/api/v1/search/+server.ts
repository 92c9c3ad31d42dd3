import { json } from '@sveltejs/kit';
import { summarize } from '$lib/catalogue/summary';
import { liveCatalogue } from '$lib/server/catalogue/live';
import { database } from '$lib/server/context';
import { apiError, noCache } from '$lib/server/http';

export async function GET({ url }) {
	const query = url.searchParams.get('q') ?? '';
	// Counted in characters, as the published schema's maxLength is: an emoji is one, not two.
	if ([...query].length > 200) {
		return apiError(400, 'query_too_long', 'The search text is too long.', [
			{ field: 'q', message: 'at most 200 characters' }
		]);
	}
	const { search } = await liveCatalogue(await database());
	return json({ query, results: search.search(query).map(summarize) }, { headers: noCache });
}
