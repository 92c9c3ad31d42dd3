import type { SlotSuggestion } from '$lib/contract/appointments';
import type { MutationError, MutationType, Payload } from '$lib/contract/outbox';

export type OutboxStatus = 'pending' | 'sent' | 'rejected' | 'conflict';

/** What every item of the outbox holds beside its type and payload. */
interface OutboxItemBase {
	/** The idempotency key: never reused, even when the person fixes and resends. */
	id: string;
	createdAt: string;
	attempts: number;
	/** Epoch ms before which the item is not sent again (backoff after a failure). */
	nextAttemptAt: number;
	status: OutboxStatus;
	/** What the person will recognise in lists, e.g. the form's or the service's title. */
	label: string;
	/** The label's language where it is not the interface's (a form only in French): lang="fr". */
	labelLang?: string;
	reference?: string;
	recordId?: string;
	errors?: MutationError[];
	alternatives?: SlotSuggestion[];
	lastError?: string;
	sentAt?: string;
	/** When she saw its refusal (its page, or her list): it no longer asks her to review it. */
	seenAt?: string;
}

/** One change of type `T`, its payload checked against that type when it is written. */
export type OutboxItemOf<T extends MutationType> = OutboxItemBase & {
	type: T;
	payload: Payload<T>;
};

/**
 * One change the person made, kept on the device until the server has applied it. Testing its
 * `type` narrows its `payload`: `item.type === 'appointment.book'` gives a booking's payload.
 */
export type OutboxItem = { [T in MutationType]: OutboxItemOf<T> }[MutationType];

/** A filter that keeps the items of one type, their payload narrowed: `.filter(ofType('appointment.cancel'))`. */
export const ofType =
	<T extends MutationType>(type: T) =>
	(item: OutboxItem): item is Extract<OutboxItem, { type: T }> =>
		item.type === type;
