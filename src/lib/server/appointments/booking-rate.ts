import type { Transaction } from 'kysely';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { bumpCounter } from '../quotas';

const HOUR = 3_600_000;
/** A tablet seen for the first time less than this long ago is "new". */
const NEW_FOR_MS = 24 * HOUR;

/**
 * Bookings a service takes an hour from new tablets before it slows them: read when used
 * (QUOTA_NEW_DEVICE_BOOKINGS_PER_HOUR), so a test or an operator's change needs no rebuild.
 */
export function newDeviceBookingsPerHour(): number {
	const value = Number(process.env.QUOTA_NEW_DEVICE_BOOKINGS_PER_HOUR);
	return Number.isInteger(value) && value > 0 ? value : 20;
}

const hourKey = (serviceId: string, now: Date) =>
	`booking-rate:${serviceId}:${now.toISOString().slice(0, 13)}`;

/**
 * Counts a booking by a tablet first seen within the day (one atomic statement, before anything
 * is checked) and says whether the service is over its hourly rate of such bookings: an unusual
 * rate slows new tablets (they are asked to phone) and shows on the staff area, while tablets
 * known for longer, and agents, book as usual. A device not recorded (the server's own callers)
 * is not a new tablet.
 */
export async function overNewDeviceRate(
	trx: Transaction<Database>,
	deviceHash: string,
	serviceId: string,
	now: Date
): Promise<boolean> {
	const device = await trx
		.selectFrom('devices')
		.select('created_at')
		.where('key_hash', '=', deviceHash)
		.executeTakeFirst();
	if (!device || now.getTime() - Date.parse(device.created_at) >= NEW_FOR_MS) return false;
	const count = await bumpCounter(trx, hourKey(serviceId, now), new Date(now.getTime() + 2 * HOUR));
	return count > newDeviceBookingsPerHour();
}

/** The services over their rate this hour, with how many bookings new tablets tried: the alert. */
export async function bookingAlerts(db: Db, now = new Date()) {
	const suffix = `:${now.toISOString().slice(0, 13)}`;
	const rows = await db
		.selectFrom('quota_counters')
		.select(['key', 'count'])
		.where('key', 'like', 'booking-rate:%')
		.where('count', '>', newDeviceBookingsPerHour())
		.execute();
	return rows
		.filter((r) => r.key.endsWith(suffix))
		.map((r) => ({
			serviceId: r.key.slice('booking-rate:'.length, -suffix.length),
			count: Number(r.count)
		}));
}
