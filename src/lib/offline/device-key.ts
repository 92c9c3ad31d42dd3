import type { PortalDatabase } from './db';

const KEY = 'device.key';

/**
 * The random key that identifies this device to the server, made once. It is a secret (whoever
 * holds it can read this device's requests), so it only ever travels in a header.
 */
export async function deviceKey(db: PortalDatabase): Promise<string> {
	const existing = await db.getMeta<string>(KEY);
	if (existing) return existing;
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	const key = btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_')
		.replace(/=+$/, '');
	// Two tabs racing here must end up with the same key: the first write wins.
	return db.transaction('rw', db.meta, async () => {
		const again = await db.getMeta<string>(KEY);
		if (again) return again;
		await db.meta.put({ key: KEY, value: key });
		return key;
	});
}
