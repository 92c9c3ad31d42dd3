import { expect, type APIRequestContext, type Page } from '@playwright/test';

/**
 * The device key the portal made in this browser (read from its IndexedDB, as the app does),
 * waited for: the app makes it on its first exchange, which a loaded machine may not have had yet.
 */
export async function deviceKeyOf(page: Page): Promise<string> {
	let key = '';
	await expect
		.poll(async () => (key = await keyNow(page).catch(() => '')), { timeout: 20_000 })
		.not.toBe('');
	return key;
}

function keyNow(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('portail-seniors');
				// Not made by the app yet: never made here (an empty store would be in its way).
				open.onupgradeneeded = () => open.transaction?.abort();
				open.onerror = () => reject(open.error ?? new Error('no store yet'));
				open.onsuccess = () => {
					try {
						const get = open.result.transaction('meta').objectStore('meta').get('device.key');
						// Not made yet (the app makes it on its first exchange): said, for a poll to retry.
						get.onsuccess = () =>
							get.result
								? resolve((get.result as { value: string }).value)
								: reject(new Error('no device key yet'));
						get.onerror = () => reject(get.error);
					} catch (error) {
						reject(error);
					} finally {
						open.result.close();
					}
				};
			})
	);
}

/** What the server holds for this device: the proof that a request arrived, and only once. */
export async function serverRecordsOf(request: APIRequestContext, baseURL: string, key: string) {
	const response = await request.get(`${baseURL}/api/v1/requests`, {
		headers: { authorization: `Device ${key}` }
	});
	return (await response.json()) as {
		requests: { id: string; reference: string; status: string }[];
	};
}

/** How many rows a table of the portal's IndexedDB holds (0 while the app has not made it yet). */
export async function deviceCount(page: Page, table: string): Promise<number> {
	return page.evaluate(async (store) => {
		// Opening a database that does not exist yet would create an empty one under the app's feet.
		if (!(await indexedDB.databases()).some((d) => d.name === 'portail-seniors')) return 0;
		return new Promise<number>((resolve) => {
			const open = indexedDB.open('portail-seniors');
			open.onerror = () => resolve(0);
			open.onsuccess = () => {
				const db = open.result;
				if (!db.objectStoreNames.contains(store)) return resolve(0);
				const count = db.transaction(store).objectStore(store).count();
				count.onsuccess = () => resolve(count.result);
				count.onerror = () => resolve(0);
			};
		});
	}, table);
}

/** Every row of a table of the portal's IndexedDB: what the device would show offline. */
export async function deviceRecords<T>(page: Page, table: string): Promise<T[]> {
	return page.evaluate(
		(store) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('portail-seniors');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction(store).objectStore(store).getAll();
					all.onsuccess = () => resolve(all.result as T[]);
					all.onerror = () => reject(all.error);
				};
			}),
		table
	);
}

/**
 * Her journey so far, as her tablet keeps it: a form's draft with these answers, at this step.
 * The app must have made its database first (wait for a page of it to show).
 */
export async function putDraft(
	page: Page,
	draft: { formId: string; answers: Record<string, unknown>; step: number }
): Promise<void> {
	await page.evaluate(async (row) => {
		const open = indexedDB.open('portail-seniors');
		const db: IDBDatabase = await new Promise((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		await new Promise((resolve, reject) => {
			const put = db
				.transaction('drafts', 'readwrite')
				.objectStore('drafts')
				.put({ ...row, updatedAt: new Date().toISOString() });
			put.onsuccess = resolve;
			put.onerror = () => reject(put.error);
		});
	}, draft);
}

/**
 * A change put in this tablet's outbox as the app queues it (pending, first try due now), for a
 * state whose subject is what follows its sending, not the form that made it. The app's store
 * must exist (`deviceKeyOf` first); its sync sends the item the next time it runs.
 */
export async function queueOnTablet(
	page: Page,
	mutation: { id: string; type: string; createdAt: string; payload: unknown },
	label: string
) {
	await page.evaluate(
		(item) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('portail-seniors');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('outbox', 'readwrite');
					tx.objectStore('outbox').add(item);
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ ...mutation, label, attempts: 0, nextAttemptAt: 0, status: 'pending' }
	);
}
