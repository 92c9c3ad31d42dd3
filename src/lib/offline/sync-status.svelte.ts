/** What the person is told about the connection and the freshness of what she reads. */
class SyncStatus {
	online = $state(true);
	syncing = $state(false);
	/** ISO time of the last successful exchange with the server, from Dexie. */
	checkedAt = $state<string | null>(null);
	lastError = $state<string | null>(null);
}

export const syncStatus = new SyncStatus();
