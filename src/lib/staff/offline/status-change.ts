import { portalDb } from '$lib/offline/db';
import { enqueue } from '$lib/offline/outbox';
import { ofType, type OutboxStatus } from '$lib/offline/outbox-types';
import { flushNow } from '$lib/offline/sync-engine';
import { needsMessage, type RequestStatus } from '$lib/contract/requests';

/** A status change written on this device, as the request's page shows it. */
export interface StatusChange {
	id: string;
	status: OutboxStatus;
	to: RequestStatus;
	/** The server's code when it was not applied (`statusChanged`, `staffOnly`…). */
	reason?: string;
}

export async function changesFor(requestId: string): Promise<StatusChange[]> {
	const items = await portalDb()
		.outbox.where('type')
		.equals('request.setStatus')
		.filter((i) => i.type === 'request.setStatus' && i.payload.requestId === requestId)
		.toArray();
	return items.filter(ofType('request.setStatus')).map((i) => ({
		id: i.id,
		status: i.status,
		to: i.payload.to,
		reason: i.errors?.[0]?.code
	}));
}

/** The same checks as the server's, so she is told at once, offline too. */
export function problemOf(to: RequestStatus | null, message: string) {
	if (!to) return [{ field: 'to', code: 'statusMissing' }];
	if (needsMessage(to) && !message.trim()) return [{ field: 'message', code: 'messageRequired' }];
	return [];
}

/**
 * Queues the change in the device's one outbox and tries to send it at once. Its id is the
 * idempotency key: sent twice after a lost answer, it is still applied once.
 */
export async function sendStatusChange(
	request: { id: string; reference: string; status: RequestStatus },
	to: RequestStatus,
	message: string
): Promise<OutboxStatus> {
	const db = portalDb();
	const payload = { requestId: request.id, from: request.status, to, message };
	const item = await enqueue(db, 'request.setStatus', payload, request.reference);
	await flushNow();
	return (await db.outbox.get(item.id))?.status ?? 'pending';
}

export async function dismissChange(id: string): Promise<void> {
	await portalDb().outbox.delete(id);
}

/** Once the server's fresh copy is on screen, what was sent has nothing more to say. */
export async function forgetSentChanges(requestId: string): Promise<void> {
	await portalDb()
		.outbox.where('type')
		.equals('request.setStatus')
		.filter(
			(i) =>
				i.status === 'sent' && i.type === 'request.setStatus' && i.payload.requestId === requestId
		)
		.delete();
}
