import { randomBytes } from 'node:crypto';
import webpush from 'web-push';
import type { Db } from '../db/open';

/**
 * Made once and kept in the database rather than the data folder: every instance of a portal on
 * PostgreSQL must sign links and push messages with the same keys, and they share nothing else.
 * The first instance to write wins (`ON CONFLICT DO NOTHING`); all then read the same value.
 */
async function storedOnce(db: Db, key: string, make: () => string): Promise<string> {
	await db
		.insertInto('app_meta')
		.values({ key, value: make() })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await db
		.selectFrom('app_meta')
		.select('value')
		.where('key', '=', key)
		.executeTakeFirstOrThrow();
	return row.value;
}

export interface NoticeKeys {
	/** Signs the answer links in reminders (HMAC-SHA-256). */
	linkSecret: Buffer;
	/** Keys recipients in the budgets and the stop list (HMAC-SHA-256): no address kept in clear. */
	recipientSecret: Buffer;
	vapid: { publicKey: string; privateKey: string };
}

const known = new WeakMap<Db, Promise<NoticeKeys>>();

/** The portal's signing and push keys; VAPID keys given in the environment take over. */
export function noticeKeys(
	db: Db,
	given: { publicKey: string; privateKey: string } | null
): Promise<NoticeKeys> {
	let keys = known.get(db);
	if (!keys) {
		keys = (async () => ({
			linkSecret: Buffer.from(
				await storedOnce(db, 'notices.linkSecret', () => randomBytes(32).toString('base64url')),
				'base64url'
			),
			recipientSecret: Buffer.from(
				await storedOnce(db, 'notices.recipientSecret', () =>
					randomBytes(32).toString('base64url')
				),
				'base64url'
			),
			vapid:
				given ??
				(JSON.parse(
					await storedOnce(db, 'notices.vapid', () => JSON.stringify(webpush.generateVAPIDKeys()))
				) as { publicKey: string; privateKey: string })
		}))();
		keys.catch(() => known.delete(db));
		known.set(db, keys);
	}
	return keys;
}
