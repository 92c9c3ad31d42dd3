import * as v from 'valibot';
import { randomBytes } from 'node:crypto';
import webpush from 'web-push';
import { singleKey, type LinkKeyring } from './links';
import { noticeSecrets } from './settings';
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

/** app_meta's notices.vapid: the key pair web push signs with, kept where no key file is given. */
const vapidKeysSchema = v.object({ publicKey: v.string(), privateKey: v.string() });

export interface NoticeKeys {
	/** Sign the answer links in reminders (HMAC-SHA-256). */
	linkSecret: LinkKeyring;
	/** Keys recipients in the budgets and the stop list (HMAC-SHA-256): no address kept in clear. */
	recipientSecret: Buffer;
	vapid: { publicKey: string; privateKey: string };
}

const known = new WeakMap<Db, Promise<NoticeKeys>>();

/** A key kept in the database, if one was ever made there. */
async function stored(db: Db, key: string): Promise<string | null> {
	const row = await db
		.selectFrom('app_meta')
		.select('value')
		.where('key', '=', key)
		.executeTakeFirst();
	return row?.value ?? null;
}

/**
 * The link-signing keys: those given (LINK_SECRET), which then sign, with the one the portal
 * made before, if the database still holds it, for the links it signed; else one made once and
 * kept in the database.
 */
async function linkKeys(db: Db, given: LinkKeyring | null): Promise<LinkKeyring> {
	if (!given) {
		const made = await storedOnce(db, 'notices.linkSecret', () =>
			randomBytes(32).toString('base64url')
		);
		return singleKey(Buffer.from(made, 'base64url'));
	}
	const earlier = await stored(db, 'notices.linkSecret');
	if (!earlier) return given;
	return { ...given, byId: new Map([[0, Buffer.from(earlier, 'base64url')], ...given.byId]) };
}

/**
 * The portal's signing and push keys. Keys given in the environment (or a file) take over and
 * are never written to the database: its dumps then carry no signing key.
 */
export function noticeKeys(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<NoticeKeys> {
	let keys = known.get(db);
	if (!keys) {
		const given = noticeSecrets(env);
		keys = (async () => ({
			linkSecret: await linkKeys(db, given.linkKeys ?? null),
			recipientSecret: Buffer.from(
				await storedOnce(db, 'notices.recipientSecret', () =>
					randomBytes(32).toString('base64url')
				),
				'base64url'
			),
			vapid:
				given.vapid ??
				v.parse(
					vapidKeysSchema,
					JSON.parse(
						await storedOnce(db, 'notices.vapid', () => JSON.stringify(webpush.generateVAPIDKeys()))
					)
				)
		}))();
		keys.catch(() => known.delete(db));
		known.set(db, keys);
	}
	return keys;
}
