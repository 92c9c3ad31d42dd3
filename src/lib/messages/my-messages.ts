import type { DocumentPage } from '$lib/contract/documents';
import { openQuestions, type ThreadMessage } from '$lib/contract/messages';
import type { PortalDatabase } from '$lib/offline/db';
import type { ServerRecord } from '$lib/offline/device-types';
import { enqueue } from '$lib/offline/outbox';
import { ofType } from '$lib/offline/outbox-types';
import { SEEN_KEY, seenUpTo, unreadOf } from './unread';

// Her messages with the office, on the tablet: read from the device's copy of her requests
// (offline too), answered through the outbox, read receipts sent the same way.

/** What she is writing to the office on a request, kept at every change (reload, closed tab). */
const replyKey = (requestId: string) => `reply:${requestId}`;
/** The form id her answer's photo pages are kept under on the tablet. */
export const replyPagesOwner = (requestId: string) => `reponse:${requestId}`;

export interface ReplyDraft {
	body: string;
	pages: DocumentPage[];
}

/**
 * For each of her requests: how many messages, how many new, whether the office waits for her,
 * and whether one of hers was refused and she has not read why yet.
 */
export async function threadSummaries(db: PortalDatabase) {
	const [records, seen, replies] = await Promise.all([
		db.records.where('kind').equals('request').toArray(),
		seenUpTo(db),
		db.outbox.where('type').equals('message.reply').toArray()
	]);
	const refused = new Set(
		replies
			.filter(ofType('message.reply'))
			.filter((item) => (item.status === 'rejected' || item.status === 'conflict') && !item.seenAt)
			.map((item) => item.payload.requestId)
	);
	return new Map(
		records.map((record) => [
			record.id,
			{
				count: record.messages?.length ?? 0,
				unread: unreadOf(record, seen).length,
				awaiting: openQuestions(record.messages ?? []).length > 0,
				refused: refused.has(record.id)
			}
		])
	);
}

/** One request's thread as she reads it: its messages, what waits to be sent, what was refused. */
export async function myThread(db: PortalDatabase, requestId: string) {
	const [record, queued] = await Promise.all([
		db.records.get(requestId),
		db.outbox.where('type').equals('message.reply').sortBy('createdAt')
	]);
	if (record?.kind !== 'request') return null;
	const messages: ThreadMessage[] = record.messages ?? [];
	const known = new Set(messages.map((m) => m.id));
	const mine = queued
		.filter(ofType('message.reply'))
		.filter((item) => item.payload.requestId === requestId && !known.has(item.id));
	return {
		record,
		messages,
		// Written on this tablet and not in the server's copy yet: waiting, or refused.
		unsent: mine.filter((item) => item.status !== 'sent'),
		// Applied, but the tablet's copy of the thread is older: shown as sent.
		sent: mine.filter((item) => item.status === 'sent'),
		open: openQuestions(messages)
	};
}

/**
 * She opened the thread: the office's messages are read. Said to the office through the outbox
 * (its read receipt), and kept here at once, so the badge goes even offline.
 */
export async function markThreadRead(db: PortalDatabase, record: ServerRecord) {
	const seen = await seenUpTo(db);
	const unread = unreadOf(record, seen);
	const last = unread.at(-1);
	if (!last) return;
	await db.meta.put({ key: SEEN_KEY, value: { ...seen, [record.id]: last.at } });
	await enqueue(db, 'message.seen', { requestId: record.id, upTo: last.id }, record.reference);
}

export async function loadReply(db: PortalDatabase, requestId: string): Promise<ReplyDraft> {
	return (await db.getMeta<ReplyDraft>(replyKey(requestId))) ?? { body: '', pages: [] };
}

export async function saveReply(db: PortalDatabase, requestId: string, draft: ReplyDraft) {
	await db.meta.put({ key: replyKey(requestId), value: JSON.parse(JSON.stringify(draft)) });
}

/**
 * Her answer, queued: sent now or when the connection returns, its photo's pages first. The
 * draft goes in the same transaction, so a closed tab leaves one or the other, never both.
 */
export async function sendReply(
	db: PortalDatabase,
	record: ServerRecord,
	draft: ReplyDraft,
	inReplyTo: string | undefined,
	assisted: boolean
) {
	await db.transaction('rw', db.outbox, db.meta, async () => {
		await enqueue(
			db,
			'message.reply',
			{
				requestId: record.id,
				body: draft.body.trim(),
				...(inReplyTo ? { inReplyTo } : {}),
				...(draft.pages.length ? { document: { pages: draft.pages } } : {}),
				...(assisted ? { assisted: { consent: true as const } } : {})
			},
			record.reference
		);
		await db.meta.delete(replyKey(record.id));
	});
}
