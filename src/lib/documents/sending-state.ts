import type { PortalDatabase } from '$lib/offline/db';
import { pagesNamed } from './in-answers';

/** Where a queued request's pages stand on their way to the town hall. */
export interface PagesProgress {
	pages: number;
	received: number;
	/** Of all the pages' bytes, those the town hall has stored, in whole percent. */
	percent: number;
}

/**
 * What "Mes demandes" says of a request's papers while it waits: read from the tablet's store,
 * where the sending writes each page's bytes sent and the town hall's receipt. Null when the
 * request names no page.
 */
export async function pagesProgress(
	db: PortalDatabase,
	answers: Record<string, unknown>
): Promise<PagesProgress | null> {
	const named = pagesNamed(answers);
	if (named.length === 0) return null;
	const stored = await db.documentPages.bulkGet(named.map((n) => n.page.id));
	let total = 0;
	let sent = 0;
	let received = 0;
	named.forEach(({ page }, i) => {
		const kept = stored[i];
		total += page.size;
		sent += kept?.receivedAt ? page.size : Math.min(kept?.sent ?? 0, page.size);
		if (kept?.receivedAt) received++;
	});
	return { pages: named.length, received, percent: Math.floor((sent * 100) / Math.max(1, total)) };
}
