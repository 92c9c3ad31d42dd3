import type { MutationError } from '$lib/contract/outbox';
import type { DocumentPage } from '$lib/contract/documents';
import type { PortalDatabase } from '$lib/offline/db';
import type { Before } from '$lib/offline/outbox';
import { sendPage } from './page-sending';

/**
 * Sends, one after the other, the pages a queued item names (a request's answers, her answer's
 * photo) that the town hall has not yet confirmed; the item goes only once each is "received". A
 * page the town hall refuses makes the item refused to her, its question named, so she takes that
 * page again. A page no longer on the tablet is left to the server, which holds it or says it
 * never came.
 */
export async function sendItemPages(
	db: PortalDatabase,
	pages: { field: string; page: DocumentPage }[],
	deviceKey: string
): Promise<Before> {
	const errors: MutationError[] = [];
	for (const { field, page } of pages) {
		const stored = await db.documentPages.get(page.id);
		if (!stored || stored.receivedAt) continue;
		const sent = await sendPage(db, stored, deviceKey);
		if (sent.state === 'failed') return sent;
		if (sent.state === 'refused') {
			errors.push({ field, code: sent.code, message: sent.code });
		}
	}
	return errors.length > 0 ? { state: 'refused', errors } : { state: 'ready' };
}
