import type { PortalDatabase } from '$lib/offline/db';
import type { ServerRecord } from '$lib/offline/device-types';

// What the badge on "Mes demandes" counts, on every page: kept apart from answering (the outbox,
// the thread's read model), which only her requests' pages load.

/** Where she has read each request's thread up to: the office's last message she saw, by time. */
export const SEEN_KEY = 'messagesSeen';

export async function seenUpTo(db: PortalDatabase): Promise<Record<string, string>> {
	return (await db.getMeta<Record<string, string>>(SEEN_KEY)) ?? {};
}

/** The office's messages she has not opened yet (on this tablet or, once told, at the office). */
export const unreadOf = (record: ServerRecord, seen: Record<string, string>) =>
	(record.messages ?? []).filter(
		(m) => m.from === 'office' && !m.readAt && m.at > (seen[record.id] ?? '')
	);

/** Every new message from the office, all her requests together: the badge on "Mes demandes". */
export async function unreadCount(db: PortalDatabase): Promise<number> {
	const [records, seen] = await Promise.all([
		db.records.where('kind').equals('request').toArray(),
		seenUpTo(db)
	]);
	return records.reduce((count, record) => count + unreadOf(record, seen).length, 0);
}
