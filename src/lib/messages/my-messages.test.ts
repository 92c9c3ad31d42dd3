import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ThreadMessage } from '$lib/contract/messages';
import { PortalDatabase } from '$lib/offline/db';
import type { ServerRecord } from '$lib/offline/device-types';
import { loadReply, markThreadRead, saveReply, sendReply, threadSummaries } from './my-messages';
import { unreadCount } from './unread';

// Her thread on the tablet: the badge goes as soon as she reads (offline too), her read receipt
// waits in the outbox, what she types is kept, and a refused message of hers is flagged once.

let n = 0;
const device = () => new PortalDatabase(`messages-${++n}`);

const office = (at: string, kind: ThreadMessage['kind'] = 'question'): ThreadMessage => ({
	id: randomUUID(),
	from: 'office',
	kind,
	body: 'Quel jour vous arrange ?',
	documentLabel: null,
	inReplyTo: null,
	pages: [],
	helpedBy: null,
	at,
	readAt: null
});

const request = (messages: ThreadMessage[]): ServerRecord => ({
	id: randomUUID(),
	kind: 'request',
	reference: 'D-ABC-DEF',
	serviceId: 'demande-logement-social',
	status: 'in_progress',
	messages,
	updatedAt: '2026-12-07T09:00:00.000Z'
});

describe('her thread on the tablet', () => {
	it('counts the office’s new messages until she reads them, and says so to the office once', async () => {
		const db = device();
		const record = request([
			office('2026-12-07T09:00:00.000Z', 'message'),
			office('2026-12-07T10:00:00.000Z')
		]);
		await db.records.put(record);
		expect(await unreadCount(db)).toBe(2);
		expect((await threadSummaries(db)).get(record.id)).toMatchObject({
			count: 2,
			unread: 2,
			awaiting: true,
			refused: false
		});
		await markThreadRead(db, record);
		await markThreadRead(db, record);
		expect(await unreadCount(db)).toBe(0);
		const receipts = await db.outbox.where('type').equals('message.seen').toArray();
		expect(receipts.map((r) => r.payload)).toEqual([
			{ requestId: record.id, upTo: record.messages![1]!.id }
		]);
		// A later message is new again.
		await db.records.put({
			...record,
			messages: [...record.messages!, office('2026-12-07T11:00:00.000Z', 'message')]
		});
		expect(await unreadCount(db)).toBe(1);
	});

	it('keeps what she types, and sends it with the draft gone in the same stroke', async () => {
		const db = device();
		const record = request([office('2026-12-07T10:00:00.000Z')]);
		await db.records.put(record);
		await saveReply(db, record.id, { body: 'Le mardi.', pages: [] });
		expect(await loadReply(db, record.id)).toEqual({ body: 'Le mardi.', pages: [] });
		await sendReply(db, record, await loadReply(db, record.id), record.messages![0]!.id, false);
		expect(await loadReply(db, record.id)).toEqual({ body: '', pages: [] });
		const [queued] = await db.outbox.where('type').equals('message.reply').toArray();
		expect(queued!.payload).toEqual({
			requestId: record.id,
			body: 'Le mardi.',
			inReplyTo: record.messages![0]!.id
		});
		// Refused (a quota), it is flagged on her list until she has read why.
		await db.outbox.update(queued!.id, { status: 'rejected' });
		expect((await threadSummaries(db)).get(record.id)?.refused).toBe(true);
		await db.outbox.update(queued!.id, { seenAt: new Date().toISOString() });
		expect((await threadSummaries(db)).get(record.id)?.refused).toBe(false);
	});
});
