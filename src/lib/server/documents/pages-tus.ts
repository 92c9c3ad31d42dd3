import { MemoryLocker, Server, type Upload } from '@tus/server';
import * as v from 'valibot';
import { documentPageSchema, PAGE_MAX_BYTES } from '$lib/contract/documents';
import { communeDay } from '$lib/time/commune-time';
import { serverConfig } from '../config';
import type { Db } from '../db/open';
import { bumpCounter, clientNetwork } from '../quotas';
import { checkPage } from './page-checks';
import { PageStore } from './page-store';

/** Where the pages are sent (the tus endpoint); a page's address is this and its id. */
export const PAGES_PATH = '/api/v1/pages';

/** A page's id, type and hash, as her answers name them (the wire's own schema). */
const { id: pageId, type: pageType, sha256: pageHash } = documentPageSchema.entries;

/**
 * One lock per page in this process, so that a tablet reconnecting cuts its own half-open request
 * short (tus's "cancel the holder"). Between instances, the store's conditional writes settle it.
 */
const locker = new MemoryLocker();

/** A refusal in the API's own shape, which @tus/server sends as it is. */
function refusal(status: number, code: string, message: string, field = '') {
	return {
		status_code: status,
		body: JSON.stringify({
			error: { code, message, fields: field ? [{ field, message: code }] : [] }
		})
	};
}

/**
 * The tus server for one tablet's request: its store sees that tablet's pages only. A page is
 * named by the tablet (its id in the answers), declared with its type and SHA-256, at most
 * PAGE_MAX_BYTES, its length known from the start, counted against the tablet's daily volume when
 * created; once whole, it is checked (`settlePage`) before the last answer goes back.
 */
export function pagesServer(
	db: Db,
	caller: { deviceHash: string; address: string },
	now = () => new Date()
) {
	const { deviceHash, address } = caller;
	return new Server({
		path: PAGES_PATH,
		datastore: new PageStore(db, deviceHash, now),
		locker,
		relativeLocation: true,
		maxSize: PAGE_MAX_BYTES,
		namingFunction: (_req, metadata) => {
			const id = metadata?.id ?? '';
			if (!v.is(pageId, id))
				throw refusal(400, 'invalid_page', 'Name the page by its id (a UUID).', 'id');
			return id;
		},
		onUploadCreate: async (req, upload) => {
			if (upload.size === undefined) {
				throw refusal(
					400,
					'invalid_page',
					'Give the page’s length from the start.',
					'Upload-Length'
				);
			}
			const { type = '', sha256 = '' } = upload.metadata ?? {};
			if (!v.is(pageType, type)) {
				throw refusal(400, 'invalid_page', 'A page is a JPEG image or a PDF.', 'type');
			}
			if (!v.is(pageHash, sha256)) {
				throw refusal(
					400,
					'invalid_page',
					'Give the page’s SHA-256, in lowercase hexadecimal.',
					'sha256'
				);
			}
			// Per tablet, and per address: keys are free to make, so one address's many "tablets"
			// share one volume (ten tablets' worth: a care home's residents send theirs too).
			const at = now();
			const day = communeDay(at);
			const expires = new Date(at.getTime() + 2 * 86_400_000);
			const [tablet, network] = await Promise.all([
				bumpCounter(db, `pages:${deviceHash}:${day}`, expires, upload.size),
				bumpCounter(db, `pages-net:${clientNetwork(address)}:${day}`, expires, upload.size)
			]);
			const { documentBytesPerDay } = serverConfig.quotas;
			if (tablet > documentBytesPerDay || network > 10 * documentBytesPerDay) {
				throw refusal(
					429,
					'quota_documents',
					'This tablet, or its address, has sent as many documents as it may today.'
				);
			}
			return { metadata: { id: upload.id, type, sha256 } };
		},
		onUploadFinish: async (_req, upload: Upload) => {
			const settled = await settlePage(db, upload.id, now());
			if (settled.status === 'verified') return {};
			return refusal(
				422,
				settled.refusal ?? 'pageUnreadable',
				'The page arrived whole but cannot be kept.'
			);
		}
	});
}

/**
 * Pages are checked one at a time in a process: a PDF is read whole (10 MB at most) and a photo
 * decoded whole, so twenty tablets finishing at once must not hold twenty of them in memory; and a
 * page's check asked twice (its last part and a HEAD) finds it settled the second time.
 */
let checking: Promise<unknown> = Promise.resolve();

/**
 * Checks a page whose bytes are all in, once: the first to settle it records verified or refused
 * (a refused page's bytes are deleted). Called when the last chunk lands, and again when a tablet
 * asks about a page left whole but unchecked (the server stopped in between).
 */
export function settlePage(db: Db, pageId: string, now: Date) {
	const settled = checking.then(() => settleNow(db, pageId, now));
	checking = settled.catch(() => undefined);
	return settled;
}

async function settleNow(db: Db, pageId: string, now: Date) {
	const page = await db
		.selectFrom('document_pages')
		.select(['size', 'type', 'sha256', 'received', 'status', 'refusal'])
		.where('id', '=', pageId)
		.executeTakeFirstOrThrow();
	if (page.status !== 'receiving' || Number(page.received) !== Number(page.size)) return page;
	const refused = await checkPage(db, pageId, { ...page, size: Number(page.size) });
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('document_pages')
			.set({
				status: refused ? 'refused' : 'verified',
				refusal: refused,
				completed_at: now.toISOString()
			})
			.where('id', '=', pageId)
			.where('status', '=', 'receiving')
			.execute();
		if (refused)
			await trx.deleteFrom('document_page_chunks').where('page_id', '=', pageId).execute();
	});
	return { ...page, status: refused ? 'refused' : 'verified', refusal: refused };
}
