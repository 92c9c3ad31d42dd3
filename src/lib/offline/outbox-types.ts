import type { MutationError, MutationType, SlotSuggestion } from '$lib/sync/mutations';

export type OutboxStatus = 'pending' | 'sent' | 'rejected' | 'conflict';

/** One change the person made, kept on the device until the server has applied it. */
export interface OutboxItem {
	/** The idempotency key: never reused, even when the person fixes and resends. */
	id: string;
	type: MutationType;
	payload: unknown;
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
}
