import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi';

export function GET({ url }) {
	return json(openApiDocument(url.origin), { headers: { 'cache-control': 'no-cache' } });
}
