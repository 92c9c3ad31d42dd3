import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/schema';
import ipaddr from 'ipaddr.js';
import { serverConfig } from './config';
import { communeDay } from '$lib/time/commune-time';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Adds `by` (one, or a page's bytes) to the counter `key` and answers its new value, in one
 * statement: two simultaneous calls get two different numbers, on one server or several. The key
 * names its window ("submit:<device>:2026-11-30"); `expiresAt` only tells the retention job when
 * to drop it.
 */
export async function bumpCounter(
	db: Executor,
	key: string,
	expiresAt: Date,
	by = 1
): Promise<number> {
	const row = await db
		.insertInto('quota_counters')
		.values({ key, count: by, expires_at: expiresAt.toISOString() })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet((eb) => ({ count: eb('quota_counters.count', '+', by) }))
		)
		.returning('count')
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/**
 * `by` more of `what` (requests sent, appointment changes, messages, mutations) by `who` (a
 * device's hash, or a client network) today, in the commune's day, and how many that makes: the
 * counter a daily quota compares.
 */
export const countToday = (db: Executor, what: string, who: string, now: Date, by = 1) =>
	bumpCounter(
		db,
		`${what}:${who}:${communeDay(now)}`,
		new Date(now.getTime() + 2 * 86_400_000),
		by
	);

/**
 * Counts a batch of `mutations` against the device's day (QUOTA_MUTATIONS_PER_DAY: each is a row
 * of the ledger) and, when it came from `address`, against that address's day: ten devices' worth
 * (keys are free to make, so one address's many "tablets" share one allowance), a hundred for a
 * shared address (SHARED_ADDRESSES). Says whether both days still take it. Called inside the
 * batch's transaction, so a refused batch is rolled back with its counts.
 */
export async function mayApplyToday(
	trx: Executor,
	deviceHash: string,
	mutations: number,
	now: Date,
	address?: string
) {
	const { mutationsPerDay } = serverConfig.quotas;
	if ((await countToday(trx, 'mutations', deviceHash, now, mutations)) > mutationsPerDay) {
		return false;
	}
	if (address === undefined) return true;
	const network = await countToday(trx, 'mutations-net', clientNetwork(address), now, mutations);
	return network <= mutationsPerDay * (isSharedAddress(address) ? 100 : 10);
}

const HOUR = 3_600_000;

/**
 * What one client is, for the quotas: its IPv4 address, or its IPv6 /64 (a home or a phone gets
 * a whole /64 and may take any address in it; counting each would make the quota endless).
 */
export function clientNetwork(address: string): string {
	if (!ipaddr.isValid(address)) return address.slice(0, 60);
	const parsed = ipaddr.process(address);
	if (parsed.kind() === 'ipv4') return parsed.toString();
	const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
	return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

/**
 * `SHARED_ADDRESSES`: the ranges (CIDR) a commune knows many residents share: a care home's, the
 * library's or the town hall's public Wi-Fi, a residence. Recognised rather than refused: their
 * new tablets are counted against ten times the hourly quota. Read when used (tests set it).
 */
function isSharedAddress(address: string): boolean {
	if (!ipaddr.isValid(address)) return false;
	const parsed = ipaddr.process(address);
	return (process.env.SHARED_ADDRESSES ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => ipaddr.isValidCIDR(entry))
		.some((entry) => {
			const range = ipaddr.parseCIDR(entry);
			return parsed.kind() === range[0].kind() && parsed.match(range);
		});
}

/**
 * Counts a device key seen for the first time from `address`, and says whether the address may
 * still bring new ones this hour. Called inside the transaction that records the device, so a
 * refused key is not recorded and stays "new".
 */
export async function mayAddDevice(trx: Executor, address: string, now: Date): Promise<boolean> {
	const hour = now.toISOString().slice(0, 13);
	const count = await bumpCounter(
		trx,
		`devices:${clientNetwork(address)}:${hour}`,
		new Date(now.getTime() + 2 * HOUR)
	);
	const limit = serverConfig.quotas.newDevicesPerHour * (isSharedAddress(address) ? 10 : 1);
	return count <= limit;
}
