import type { APIRequestContext, Page } from '@playwright/test';

/** The device key the portal made in this browser (read from its IndexedDB, as the app does). */
export async function deviceKeyOf(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('portail-seniors');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('meta').objectStore('meta').get('device.key');
					get.onsuccess = () => resolve((get.result as { value: string }).value);
					get.onerror = () => reject(get.error);
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
