import { Readable } from 'node:stream';
import { sharp } from './images';
import type { Db } from '../db/open';
import type { StaffIdentity } from '../staff/sessions';
import { audit } from '../journal/audit';
import { pageDownload, renditionAnswer } from './page-answers';
import { pageBytes } from './page-store';
import type { PAGE_TYPES, PageView } from '$lib/contract/documents';

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

/**
 * A page of a request's papers, for staff: a photo as a rendition made here (the thumbnail in the
 * request, the viewer's large page, turned by quarter turns), or the original as it was sent,
 * always as a download (a PDF is never opened in the staff area's own origin). Opening a page
 * large and downloading it are written in the access journal; thumbnails come with the request's
 * reading, which is. Null when the request holds no such page; 'notAnImage' for a PDF's rendition.
 */
export async function staffPage(
	db: Db,
	staff: StaffIdentity,
	where: { requestId: string; pageId: string },
	view: PageView,
	quarterTurns: number
): Promise<Response | null | 'notAnImage'> {
	const page = await heldPage(db, where.requestId, where.pageId);
	if (!page) return null;
	if (view !== 'original' && page.type !== 'image/jpeg') return 'notAnImage';
	if (view !== 'thumbnail') {
		await audit(db, {
			staffUserId: staff.id,
			action: 'request.page',
			subjectType: 'request',
			subjectId: where.requestId
		});
	}
	if (view === 'original') return pageDownload(db, page);
	return renditionAnswer(await renderPage(db, page.id, view, quarterTurns));
}
