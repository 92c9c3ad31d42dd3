import { liveQuery } from 'dexie';

/**
 * A value read from the device's store that stays current (also when another tab changes it).
 * `key` is read here, synchronously, so that a change of it (another id in the address) starts a
 * new query; reads made inside Dexie's asynchronous query would not be tracked.
 */
export function live<K, T>(key: () => K, query: (key: K) => Promise<T> | T) {
	let value = $state<T | undefined>(undefined);
	$effect(() => {
		const current = key();
		const subscription = liveQuery(() => query(current)).subscribe({
			next: (result) => (value = result),
			error: () => (value = undefined)
		});
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return value;
		}
	};
}
