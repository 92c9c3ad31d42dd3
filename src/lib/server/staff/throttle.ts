import type { Db } from '../db/open';

/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MINUTES = 15;
/** From this many failures on one account, each new try must wait twice as long as the last. */
export const SLOW_AFTER = 3;
/** From this many, the account is refused until the window has passed. */
export const REFUSE_AFTER = 10;
/** One address (a shared office connection too) may fail this often before it is refused. */
export const ADDRESS_REFUSE_AFTER = 50;

export type ThrottleVerdict =
	{ allowed: true } | { allowed: false; reason: 'slowed' | 'refused'; retryAfterSeconds: number };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

async function failuresOf(db: Db, key: string, now: Date) {
	const row = await db
		.selectFrom('sign_in_failures')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	if (!row || now.getTime() - Date.parse(row.last_at) > FAILURE_WINDOW_MINUTES * 60_000)
		return null;
	return row;
}

function verdict(
	count: number,
	lastAt: string,
	refuseAfter: number,
	slow: boolean,
	now: Date
): ThrottleVerdict {
	const since = now.getTime() - Date.parse(lastAt);
	if (count >= refuseAfter) {
		const wait = FAILURE_WINDOW_MINUTES * 60_000 - since;
		return { allowed: false, reason: 'refused', retryAfterSeconds: Math.ceil(wait / 1000) };
	}
	if (slow && count >= SLOW_AFTER) {
		const wait = 1000 * 2 ** (count - SLOW_AFTER) - since;
		if (wait > 0)
			return { allowed: false, reason: 'slowed', retryAfterSeconds: Math.ceil(wait / 1000) };
	}
	return { allowed: true };
}

/** Whether a sign-in may be tried now, before the password is even looked at. */
export async function mayTrySignIn(
	db: Db,
	email: string,
	address: string,
	now = new Date()
): Promise<ThrottleVerdict> {
	const [account, from] = await Promise.all([
		failuresOf(db, accountKey(email), now),
		failuresOf(db, addressKey(address), now)
	]);
	if (from) {
		const byAddress = verdict(from.count, from.last_at, ADDRESS_REFUSE_AFTER, false, now);
		if (!byAddress.allowed) return byAddress;
	}
	return account
		? verdict(account.count, account.last_at, REFUSE_AFTER, true, now)
		: { allowed: true };
}

export async function recordFailure(db: Db, email: string, address: string, now = new Date()) {
	const stamp = now.toISOString();
	for (const key of [accountKey(email), addressKey(address)]) {
		const known = await failuresOf(db, key, now);
		await db
			.insertInto('sign_in_failures')
			.values({ key, count: 1, first_at: stamp, last_at: stamp })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({
					count: (known?.count ?? 0) + 1,
					first_at: known?.first_at ?? stamp,
					last_at: stamp
				})
			)
			.execute();
	}
}

/** A right password clears the account's failures; the address's stay, they count attackers. */
export async function clearAccountFailures(db: Db, email: string) {
	await db.deleteFrom('sign_in_failures').where('key', '=', accountKey(email)).execute();
}
