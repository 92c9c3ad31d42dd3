import { json } from '@sveltejs/kit';
import { languageFor } from '$lib/server/language';

// The server-rendered first paint learns the person's choices here (a universal load cannot read
// cookies), so that pages themselves never need a server load and keep working offline.
export function GET({ cookies, request }) {
	return json(
		{ lang: languageFor(cookies.get('lang'), request.headers.get('accept-language')) },
		{ headers: { 'cache-control': 'private, no-store' } }
	);
}
