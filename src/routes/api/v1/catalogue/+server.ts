import { promisify } from 'node:util';
import { brotliCompress, constants, gzip as gzipCallback } from 'node:zlib';
import * as v from 'valibot';
import { catalogueCursor, catalogueDelta } from '$lib/server/catalogue/delta';
import { database } from '$lib/server/context';
import { preferredEncoding, type Encoding } from '$lib/server/encoding';
import { apiError } from '$lib/server/http';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

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
	// The answer is named by the cursor alone, read first: a device that is up to date (most of
	// them, most of the time) costs one small read, not the building of a delta.
	const cursor = await catalogueCursor(db);
	const full = since === null || since > cursor;
	const etag = `"c${cursor}-${full ? 'full' : `s${since}`}"`;
	const headers = {
		etag,
		'cache-control': 'no-cache',
		vary: 'accept-encoding',
		'content-type': 'application/json'
	};
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
		return new Response(null, { status: 304, headers });
	}
	if (!full) return new Response(JSON.stringify(await catalogueDelta(db, since)), { headers });
	// Every first visit asks for the whole catalogue: it is made once per cursor, on each server
	// (the cursor is read from the database, so an import on another instance is seen at once).
	if (fullAnswer?.cursor !== cursor) {
		const delta = await catalogueDelta(db, null);
		// Another import may have landed while it was built: keep it under the cursor it carries.
		fullAnswer = { cursor: Number(delta.cursor), body: JSON.stringify(delta), encoded: new Map() };
		if (fullAnswer.cursor !== cursor) {
			return new Response(fullAnswer.body, {
				headers: { ...headers, etag: `"c${fullAnswer.cursor}-full"` }
			});
		}
	}
	const encoding = preferredEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return new Response(fullAnswer.body, { headers });
	const body = await encodedBody(fullAnswer, encoding);
	return new Response(new Uint8Array(body), {
		headers: { ...headers, 'content-encoding': encoding, 'content-length': String(body.length) }
	});
}

interface FullAnswer {
	cursor: number;
	body: string;
	encoded: Map<Encoding, Promise<Buffer>>;
}
let fullAnswer: FullAnswer | undefined;

/**
 * The whole catalogue, compressed once per cursor and kept: compressed for each first visit by
 * the server's middleware (fast settings), 10,000 services took 270 ms of the server's processor
 * and 325 KB on the wire; compressed once, thoroughly, off the event loop, 131 KB and nothing per
 * visit. Brotli at quality 9 (11 is 30 times slower for 5 % less).
 */
function encodedBody(answer: FullAnswer, encoding: Encoding): Promise<Buffer> {
	let encoded = answer.encoded.get(encoding);
	if (!encoded) {
		encoded =
			encoding === 'br'
				? brotli(answer.body, {
						params: {
							[constants.BROTLI_PARAM_QUALITY]: 9,
							[constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(answer.body)
						}
					})
				: gzip(answer.body, { level: 9 });
		answer.encoded.set(encoding, encoded);
		// A compression that failed is tried again by the next visit, not answered to all of them.
		encoded.catch(() => answer.encoded.delete(encoding));
	}
	return encoded;
}
