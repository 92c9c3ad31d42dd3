export interface SendingCounts {
	requests: number;
	bookings: number;
}

/** What the person is told about the connection, the freshness of what she reads, and her sendings. */
class SyncStatus {
	online = $state(true);
	/** ISO time of the last successful exchange with the server, from Dexie. */
	checkedAt = $state<string | null>(null);
	/** Requests and bookings waiting on this device to be sent, counted apart ("1 demande et 1 rendez-vous"). */
	waiting = $state<SendingCounts>({ requests: 0, bookings: 0 });
	/** Sendings the server refused or could not apply: the person has something to fix. */
	toReview = $state<SendingCounts>({ requests: 0, bookings: 0 });
	get pending() {
		return this.waiting.requests + this.waiting.bookings;
	}
	get needsAttention() {
		return this.toReview.requests + this.toReview.bookings;
	}
	sending = $state(false);
	/** The office's messages she has not opened yet: the badge on "Mes demandes". */
	unread = $state(0);
}

export const syncStatus = new SyncStatus();
