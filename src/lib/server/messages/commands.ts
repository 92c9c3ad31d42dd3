import type { Transaction } from 'kysely';
import type { Payload } from '$lib/contract/outbox';
import { awaitsAnswer, THREAD_MAX } from '$lib/contract/messages';
import { isDecided } from '$lib/contract/requests';
import { REQUEST_MAX_BYTES, REQUEST_MAX_PAGES } from '$lib/contract/documents';
import type { Database } from '../db/schema';
import { audit } from '../journal/audit';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { nextRequestVersions } from '../requests/rows';
import { claimPages, missingPages } from '../documents/claim';
import { countToday } from '../quotas';
import { serverConfig } from '../config';
import { messageQueued } from '../notices/queue';
import { OFFICE_MESSAGE_LINES, plainTextIssue } from '$lib/forms/plain-text';

/** A message's lines at most: a letter's page, never a wall of blank lines. */

type Trx = Transaction<Database>;

/**
 * The request's row, moved to its next version: held by this transaction until it commits (two
 * messages on one request are written one after the other, the thread's count settled), and the
 * copies agents keep offline know the request changed.
 */
async function holdRequest(trx: Trx, requestId: string) {
	const version = await nextRequestVersions(trx);
	const held = await trx
		.updateTable('requests')
		.set({ version })
		.where('id', '=', requestId)
		.returning(['id', 'reference', 'status', 'notify_channels', 'notify_kinds'])
		.executeTakeFirst();
	if (!held) return undefined;
	const { n } = await trx
		.selectFrom('request_messages')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('request_id', '=', requestId)
		.executeTakeFirstOrThrow();
	return { ...held, messages: Number(n) };
}

/** An agent writes to her, asks her a question, or asks her for a document. */
export async function sendFromOffice(
	{ trx, actor, mutation, now }: MutationContext,
	payload: Payload<'message.send'>
): Promise<Outcome> {
	if (actor?.mode !== 'staff') return rejected(fieldError('type', 'staffOnly'));
	if (payload.kind === 'document' && !payload.documentLabel) {
		return rejected(fieldError('payload.documentLabel', 'documentLabelRequired'));
	}
	// Her e-mail and her letter carry it under the commune's name: no one's link in it.
	const plain = [
		['payload.body', plainTextIssue(payload.body, { lines: OFFICE_MESSAGE_LINES })],
		['payload.documentLabel', plainTextIssue(payload.documentLabel)]
	] as const;
	const issues = plain.flatMap(([field, code]) => (code ? [fieldError(field, code)] : []));
	if (issues.length > 0) return rejected(...issues);
	const request = await holdRequest(trx, payload.requestId);
	if (!request) return rejected(fieldError('payload.requestId', 'unknownRequest'));
	// A decided request waits for nothing more from her: its last word is the decision's message.
	if (awaitsAnswer(payload.kind) && isDecided(request.status)) {
		return rejected(fieldError('payload.kind', 'requestDecided'));
	}
	if (request.messages >= THREAD_MAX) return rejected(fieldError('payload.body', 'threadFull'));
	await trx
		.insertInto('request_messages')
		.values({
			id: mutation.id,
			request_id: request.id,
			author: 'office',
			kind: payload.kind,
			body: payload.body,
			document_label: payload.kind === 'document' ? (payload.documentLabel ?? null) : null,
			in_reply_to: null,
			pages: null,
			staff_user_id: actor.id,
			created_at: now.toISOString(),
			read_at: null
		})
		.execute();
	await messageQueued(trx, request, mutation.id, now);
	await audit(
		trx,
		{
			staffUserId: actor.id,
			action: 'request.message',
			subjectType: 'request',
			subjectId: request.id,
			detail: payload.kind
		},
		now
	);
	return { status: 'applied', reference: request.reference, recordId: request.id };
}

/**
 * Her answer to the office, in words, with a photo, or both, from the tablet that sent the
 * request (another device is told the request does not exist). A photo is applied only with every
 * page arrived whole and checked, as a request's papers are.
 */
export async function replyFromResident(
	{ trx, deviceHash, actor, mutation, now }: MutationContext,
	payload: Payload<'message.reply'>
): Promise<Outcome> {
	const pages = (payload.document?.pages ?? []).map((page) => ({ field: 'document', page }));
	if (!payload.body && pages.length === 0) {
		return rejected(fieldError('payload.body', 'messageEmpty'));
	}
	const owner = await trx
		.selectFrom('requests')
		.select('device_hash')
		.where('id', '=', payload.requestId)
		.executeTakeFirst();
	if (owner?.device_hash !== deviceHash) {
		return rejected(fieldError('payload.requestId', 'unknownRequest'));
	}
	const request = (await holdRequest(trx, payload.requestId))!;
	if (payload.inReplyTo) {
		const asked = await trx
			.selectFrom('request_messages')
			.select('kind')
			.where('id', '=', payload.inReplyTo)
			.where('request_id', '=', request.id)
			.where('author', '=', 'office')
			.executeTakeFirst();
		if (!asked || !awaitsAnswer(asked.kind)) {
			return rejected(fieldError('payload.inReplyTo', 'unknownMessage'));
		}
	}
	if (request.messages >= THREAD_MAX) return rejected(fieldError('payload.body', 'threadFull'));
	const missing = await missingPages(trx, deviceHash, request.id, pages);
	if (missing.length > 0) return rejected(fieldError('payload.document', 'documentNotReceived'));
	if (pages.length > 0 && !(await withinRequestCaps(trx, request.id, pages))) {
		return rejected(fieldError('payload.document', 'requestTooManyPages'));
	}
	// Counted once it would be applied; an agent at his own desk is not her.
	const sentToday = await countToday(trx, 'message', deviceHash, now);
	if (sentToday > serverConfig.quotas.messagesPerDay && actor?.mode !== 'staff') {
		return rejected(fieldError('quota', 'quotaMessages'));
	}
	await claimPages(trx, deviceHash, request.id, pages);
	await trx
		.insertInto('request_messages')
		.values({
			id: mutation.id,
			request_id: request.id,
			author: 'resident',
			kind: 'answer',
			body: payload.body,
			document_label: null,
			in_reply_to: payload.inReplyTo ?? null,
			pages: pages.length > 0 ? JSON.stringify(pages.map((p) => p.page.id)) : null,
			// Written with an agent beside her (assisted mode, with her consent): who helped is kept.
			staff_user_id: payload.assisted && actor ? actor.id : null,
			created_at: now.toISOString(),
			read_at: null
		})
		.execute();
	return { status: 'applied', reference: request.reference, recordId: request.id };
}

/** Her pages already at the town hall for this request, with these, within a request's caps. */
async function withinRequestCaps(
	trx: Trx,
	requestId: string,
	pages: { page: { id: string; size: number } }[]
): Promise<boolean> {
	const held = await trx
		.selectFrom('document_pages')
		.select((eb) => [
			eb.fn.countAll<number>().as('n'),
			eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes')
		])
		.where('request_id', '=', requestId)
		.where(
			'id',
			'not in',
			pages.map((p) => p.page.id)
		)
		.executeTakeFirstOrThrow();
	const bytes = Number(held.bytes) + pages.reduce((sum, p) => sum + p.page.size, 0);
	return Number(held.n) + pages.length <= REQUEST_MAX_PAGES && bytes <= REQUEST_MAX_BYTES;
}

/** She read the office's messages up to this one: their read receipt, for the agent. */
export async function seenByResident(
	{ trx, deviceHash, now }: MutationContext,
	payload: Payload<'message.seen'>
): Promise<Outcome> {
	const seen = await trx
		.selectFrom('request_messages as m')
		.innerJoin('requests as r', 'r.id', 'm.request_id')
		.select(['m.created_at', 'r.reference'])
		.where('m.id', '=', payload.upTo)
		.where('m.request_id', '=', payload.requestId)
		.where('m.author', '=', 'office')
		.where('r.device_hash', '=', deviceHash)
		.executeTakeFirst();
	if (!seen) return rejected(fieldError('payload.upTo', 'unknownMessage'));
	// One statement: a second tab's receipt, or a replay, finds nothing left to mark.
	await trx
		.updateTable('request_messages')
		.set({ read_at: now.toISOString() })
		.where('request_id', '=', payload.requestId)
		.where('author', '=', 'office')
		.where('read_at', 'is', null)
		.where('created_at', '<=', seen.created_at)
		.execute();
	return { status: 'applied', reference: seen.reference, recordId: payload.requestId };
}

/** An agent opened the request: her messages are read by the office (her read receipt). */
export async function readByOffice(db: Parameters<typeof audit>[0], requestId: string, now: Date) {
	await db
		.updateTable('request_messages')
		.set({ read_at: now.toISOString() })
		.where('request_id', '=', requestId)
		.where('author', '=', 'resident')
		.where('read_at', 'is', null)
		.execute();
}
