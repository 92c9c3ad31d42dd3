import { sql } from 'kysely';
import type { Db } from '../db/open';

/** Tries older than this are forgotten. */
export const TRY_WINDOW_MINUTES = 15;
/** From one address, an account's tries after this many must wait twice as long as the last. */
export const SLOW_AFTER = 3;
/** Tries on one account from anywhere in the window: beyond this, refused unchecked. */
export const REFUSE_AFTER = 10;
/** An e-mail address cannot be longer (RFC 5321); a longer one is refused before it is counted. */
export const EMAIL_MAX = 254;

export type ThrottleVerdict =
	{ allowed: true } | { allowed: false; reason: 'slowed' | 'refused'; retryAfterSeconds: number };

const normal = (email: string) => email.trim().toLowerCase();
const accountKey = (email: string) => `account:${normal(email)}`;
// Slowing is per address *and* account: an attacker hammering one account from elsewhere, or
// many accounts from the office's shared address, slows nobody else down.
const pairKey = (email: string, address: string) => `pair:${address}|${normal(email)}`;

/**
 * Counts one try on `key` and answers the new count with the time of the try before, in one
 * statement: simultaneous tries each get their own number, so none slips past the limit.
 */
async function countTry(db: Db, key: string, now: Date) {
	const stamp = now.toISOString();
	const cutoff = new Date(now.getTime() - TRY_WINDOW_MINUTES * 60_000).toISOString();
	const stale = sql<boolean>`sign_in_tries.last_at < ${cutoff}`;
	const row = await db
		.insertInto('sign_in_tries')
		.values({ key, count: 1, first_at: stamp, last_at: stamp, prev_at: null })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				count: sql`case when ${stale} then 1 else sign_in_tries.count + 1 end`,
				first_at: sql`case when ${stale} then ${stamp} else sign_in_tries.first_at end`,
				prev_at: sql`case when ${stale} then null else sign_in_tries.last_at end`,
				last_at: stamp
			})
		)
		.returning(['count', 'prev_at'])
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), prevAt: row.prev_at };
}

/**
 * Counts this try, then says whether its password may be checked. Counting comes first, so a
 * refused try costs no hashing and 30 simultaneous tries cannot all be checked.
 */
export async function countSignInTry(
	db: Db,
	email: string,
	address: string,
	now = new Date()
): Promise<ThrottleVerdict> {
	const account = await countTry(db, accountKey(email), now);
	const pair = await countTry(db, pairKey(email, address), now);
	if (account.count > REFUSE_AFTER) {
		return { allowed: false, reason: 'refused', retryAfterSeconds: TRY_WINDOW_MINUTES * 60 };
	}
	if (pair.count > SLOW_AFTER && pair.prevAt) {
		const wait = 1000 * 2 ** (pair.count - 1 - SLOW_AFTER);
		if (now.getTime() - Date.parse(pair.prevAt) < wait) {
			// This try counted too: the next one is checked if it waits for the next step.
			return {
				allowed: false,
				reason: 'slowed',
				retryAfterSeconds: 2 ** (pair.count - SLOW_AFTER)
			};
		}
	}
	return { allowed: true };
}

/** A right password clears the account's tries, and those of this address on it. */
export async function clearAccountTries(db: Db, email: string, address: string) {
	await db
		.deleteFrom('sign_in_tries')
		.where('key', 'in', [accountKey(email), pairKey(email, address)])
		.execute();
}
