import { Readable } from 'node:stream';
import { sharp } from './images';
import type { Db } from '../db/open';
import { pageBytes } from './page-store';
import type { PAGE_TYPES } from '$lib/contract/documents';

/** A page the town hall holds for a request: what staff may see of it. */
export interface HeldPage {
	id: string;
	type: (typeof PAGE_TYPES)[number];
	size: number;
}

/** The pages a request holds now (a page erased by retention is no longer among them). */
export async function heldPages(db: Db, requestId: string): Promise<HeldPage[]> {
	const rows = await db
		.selectFrom('document_pages')
		.select(['id', 'type', 'size'])
		.where('request_id', '=', requestId)
		.where('status', '=', 'verified')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		type: row.type as HeldPage['type'],
		size: Number(row.size)
	}));
}

/** One page of one request, or null: a page is reached only through the request that holds it. */
export async function heldPage(db: Db, requestId: string, pageId: string) {
	const row = await db
		.selectFrom('document_pages')
		.select(['id', 'type', 'size'])
		.where('id', '=', pageId)
		.where('request_id', '=', requestId)
		.where('status', '=', 'verified')
		.executeTakeFirst();
	return row ? { id: row.id, type: row.type as HeldPage['type'], size: Number(row.size) } : null;
}

/** The two sizes staff see a photo at: a thumbnail in the request, the viewer's page. */
export const RENDITIONS = { thumbnail: 320, large: 2000 } as const;
export type Rendition = keyof typeof RENDITIONS;

/**
 * A photo as staff browsers are shown it: decoded and re-encoded here (never the bytes the tablet
 * sent, whatever they hold), fitted to the size asked, turned by quarter turns. Read a chunk at a
 * time; only the rendition, far smaller than the page, is whole in memory.
 */
export async function renderPage(
	db: Db,
	pageId: string,
	size: Rendition,
	quarterTurns: number
): Promise<Buffer> {
	const side = RENDITIONS[size];
	const image = sharp({ failOn: 'error', limitInputPixels: 50_000_000 })
		.rotate(90 * quarterTurns)
		.resize(side, side, { fit: 'inside', withoutEnlargement: true })
		.jpeg({ quality: size === 'thumbnail' ? 70 : 85, mozjpeg: false });
	Readable.from(pageBytes(db, pageId)).pipe(image);
	return image.toBuffer();
}
