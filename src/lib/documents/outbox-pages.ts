import type { MutationError } from '$lib/contract/outbox';
import type { PortalDatabase } from '$lib/offline/db';
import type { OutboxItem } from '$lib/offline/outbox-types';
import { sendPage } from './page-sending';
import { pagesNamed } from './in-answers';

/** Where a queued item's pages stand before the item itself may go. */
export type ItemPages =
	| { state: 'ready' }
	| { state: 'refused'; errors: MutationError[] }
	| { state: 'failed'; network: boolean; reason: string };

/**
 * Sends, one after the other, the pages a queued request names that the town hall has not yet
 * confirmed; the request goes only once each is "received". A page the town hall refuses makes the
 * request refused to her, its question named, so she takes that page again. A page no longer on
 * the tablet is left to the server, which holds it or says it never came.
 */
export async function sendItemPages(
	db: PortalDatabase,
	item: OutboxItem,
	deviceKey: string
): Promise<ItemPages> {
	if (item.type !== 'request.submit') return { state: 'ready' };
	const errors: MutationError[] = [];
	for (const { field, page } of pagesNamed(item.payload.answers)) {
		const stored = await db.documentPages.get(page.id);
		if (!stored || stored.receivedAt) continue;
		const sent = await sendPage(db, stored, deviceKey);
		if (sent.state === 'failed') return sent;
		if (sent.state === 'refused') {
			errors.push({ field: `answers.${field}`, code: sent.code, message: sent.code });
		}
	}
	return errors.length > 0 ? { state: 'refused', errors } : { state: 'ready' };
}
