import { json } from '@sveltejs/kit';
import { languageFor } from '$lib/server/language';
import { DISPLAY_KEY, parseDisplay } from '$lib/settings/display';

// The server-rendered first paint learns the person's choices here (a universal load cannot read
// cookies), so that pages themselves never need a server load and keep working offline.
export function GET({ cookies, request, locals }) {
	return json(
		{
			lang: languageFor(cookies.get('lang'), request.headers.get('accept-language')),
			display: parseDisplay(cookies.get(DISPLAY_KEY)),
			// The agent helping on this tablet, for the banner of the first paint; null otherwise.
			assistedBy:
				locals.staff?.mode === 'assisted'
					? { name: locals.staff.name, since: locals.staff.since, until: locals.staff.until }
					: null
		},
		{ headers: { 'cache-control': 'private, no-store' } }
	);
}
