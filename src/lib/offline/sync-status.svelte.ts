export interface SendingCounts {
	requests: number;
	bookings: number;
}

/** What the person is told about the connection, the freshness of what she reads, and her sendings. */
class SyncStatus {
	online = $state(true);
	/** ISO time of the last successful exchange with the server, from Dexie. */
	checkedAt = $state<string | null>(null);
	/** Requests, bookings and changes waiting on this device to be sent. */
	pending = $state(0);
	/** Sendings the server refused or could not apply: the person has something to fix. */
	needsAttention = $state(0);
	/** The same, counted apart: she is told "1 demande et 1 rendez-vous" and sent to the right page. */
	waiting = $state<SendingCounts>({ requests: 0, bookings: 0 });
	toReview = $state<SendingCounts>({ requests: 0, bookings: 0 });
	sending = $state(false);
}

export const syncStatus = new SyncStatus();
