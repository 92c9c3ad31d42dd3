import type { Payload } from '$lib/contract/outbox';
import { isDecided, needsMessage, type RequestStatus } from '$lib/contract/requests';
import { audit } from '../journal/audit';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { nextRequestVersions } from './rows';
import { requestStatusChanged } from '../notices/queue';
import { eraseIdentityPages } from '../documents/identity';
import { OFFICE_MESSAGE_LINES, plainTextIssue } from '$lib/forms/plain-text';

/** received → in progress → done or refused; a request can also be refused as soon as it arrives. */
export const NEXT_STATUSES: Record<RequestStatus, readonly RequestStatus[]> = {
	received: ['in_progress', 'refused'],
	in_progress: ['done', 'refused'],
	done: [],
	refused: []
};

/** An agent moves a request on; the message is what the senior reads in "Mes demandes". */
export async function setRequestStatus(
	{ trx, actor, mutation, now }: MutationContext,
	payload: Payload<'request.setStatus'>
): Promise<Outcome> {
	if (actor?.mode !== 'staff') return rejected(fieldError('type', 'staffOnly'));
	const request = await trx
		.selectFrom('requests')
		.select(['id', 'reference', 'status', 'notify_channels', 'notify_kinds'])
		.where('id', '=', payload.requestId)
		.executeTakeFirst();
	if (!request) return rejected(fieldError('payload.requestId', 'unknownRequest'));
	if (request.status !== payload.from) {
		return {
			status: 'conflict',
			recordId: request.id,
			errors: [fieldError('payload.from', 'statusChanged')]
		};
	}
	if (!NEXT_STATUSES[request.status].includes(payload.to)) {
		return rejected(fieldError('payload.to', 'statusNotAllowed'));
	}
	const message = payload.message.trim();
	if (!message && needsMessage(payload.to)) {
		return rejected(fieldError('payload.message', 'messageRequired'));
	}
	// She reads it in "Mes demandes" and her notices, under the commune's name: no one's link.
	const plain = plainTextIssue(message, { lines: OFFICE_MESSAGE_LINES });
	if (plain) return rejected(fieldError('payload.message', plain));
	const stamp = now.toISOString();
	// Conditional on the status read above: two agents deciding at once cannot both apply.
	const moved = await trx
		.updateTable('requests')
		.set({
			status: payload.to,
			status_message: message || null,
			updated_at: stamp,
			version: await nextRequestVersions(trx)
		})
		.where('id', '=', request.id)
		.where('status', '=', payload.from)
		.executeTakeFirst();
	if (Number(moved.numUpdatedRows) !== 1) {
		return {
			status: 'conflict',
			recordId: request.id,
			errors: [fieldError('payload.from', 'statusChanged')]
		};
	}
	const erased = isDecided(payload.to) ? await eraseIdentityPages(trx, request.id) : 0;
	await trx
		.insertInto('request_events')
		.values({
			id: mutation.id,
			request_id: request.id,
			status: payload.to,
			message: message || null,
			staff_user_id: actor.id,
			at: stamp
		})
		.execute();
	await requestStatusChanged(trx, request, mutation.id, now);
	await audit(
		trx,
		{
			staffUserId: actor.id,
			action: 'request.status',
			subjectType: 'request',
			subjectId: request.id,
			detail: `${request.status} → ${payload.to}${erased ? ` (${erased} identity pages erased)` : ''}`
		},
		now
	);
	return { status: 'applied', reference: request.reference, recordId: request.id };
}
