import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { catalogueDelta } from '$lib/server/catalogue/delta';
import { database } from '$lib/server/context';
import { apiError } from '$lib/server/http';

const sinceSchema = v.pipe(v.string(), v.regex(/^\d{1,15}$/));

export async function GET({ url, request }) {
	const raw = url.searchParams.get('since');
	if (raw !== null && !v.is(sinceSchema, raw)) {
		return apiError(
			400,
			'invalid_cursor',
			'The "since" parameter must be a cursor returned by this API.',
			[{ field: 'since', message: 'must be a whole number returned as "cursor"' }]
		);
	}
	const since = raw === null ? null : Number(raw);
	const db = await database();
	const delta = await catalogueDelta(db, since);
	const etag = `"c${delta.cursor}-${delta.full ? 'full' : `s${since}`}"`;
	const headers = { etag, 'cache-control': 'no-cache', vary: 'accept-encoding' };
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
		return new Response(null, { status: 304, headers });
	}
	return json(delta, { headers });
}
