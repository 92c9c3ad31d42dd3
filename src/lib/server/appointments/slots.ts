import type { QueryExecutorProvider } from 'kysely';
import { dialectOf } from '../db/dialect';
import type { AppointmentType, Slot } from '$lib/appointments/types';
import type { Db } from '../db/open';
import { communeDay } from '$lib/time/commune-time';
import { addDays, atMinute, isoWithOffset, weekdayOf } from '../time';
import { decodeAppointmentType } from '../catalogue/columns';

/** Bookings close this long before a slot starts, so the office can prepare. */
export const LEAD_TIME_MS = 2 * 60 * 60 * 1000;
/** How far ahead a person may book. */
export const HORIZON_DAYS = 60;

type Reader = Pick<Db, 'selectFrom'>;

export async function appointmentTypesOf(
	db: Reader,
	serviceId: string
): Promise<AppointmentType[]> {
	const rows = await db
		.selectFrom('appointment_types')
		.select(['id', 'service_id', 'data'])
		.where('service_id', '=', serviceId)
		.where('active', '=', 1)
		.orderBy('position')
		.execute();
	return rows.map((row) => {
		const data = decodeAppointmentType(row.data);
		return { id: row.id, serviceId: row.service_id, ...data };
	});
}

interface Options {
	serviceId: string;
	fromDay: string;
	toDay: string;
	now: Date;
	/** An appointment to leave out of the count (the one being moved). */
	ignoreAppointmentId?: string;
	appointmentTypeId?: string;
	/** Also list full slots (remaining 0): to tell "taken" from "never offered". */
	includeFull?: boolean;
	/**
	 * The slots as a device may book them: each day keeps `share` of its places for the office
	 * (bookings by an agent, or with one beside her) until `releaseMs` before it. Unset: the
	 * office's own view, every place.
	 */
	forDevice?: DeviceShare;
}

export interface DeviceShare {
	share: number;
	releaseMs: number;
}

/** An appointment a device made alone: what the office's share of a day is kept from. */
const madeOnDevice = (b: { booked_by: string | null; helped_by: string | null }) =>
	b.booked_by === null && b.helped_by === null;

/**
 * Free slots of a service between two commune days (inclusive). Each opening period offers, for every
 * appointment type, back-to-back slots of that type's length; a slot is free while fewer bookings
 * overlap it than the period's capacity (the number of people receiving at once).
 */
export async function freeSlots(db: Reader, options: Options): Promise<Slot[]> {
	const { serviceId, fromDay, now } = options;
	const toDay =
		options.toDay < addDays(communeDay(now), HORIZON_DAYS)
			? options.toDay
			: addDays(communeDay(now), HORIZON_DAYS);
	let types = await appointmentTypesOf(db, serviceId);
	if (options.appointmentTypeId) types = types.filter((t) => t.id === options.appointmentTypeId);
	if (types.length === 0 || fromDay > toDay) return [];
	const hours = await db
		.selectFrom('opening_hours')
		.selectAll()
		.where('service_id', '=', serviceId)
		.orderBy('start_minute')
		.execute();
	const windowStart = atMinute(fromDay, 0).toISOString();
	const windowEnd = atMinute(addDays(toDay, 1), 0).toISOString();
	let bookedQuery = db
		.selectFrom('appointments')
		.select(['start_at', 'end_at', 'booked_by', 'helped_by'])
		.where('service_id', '=', serviceId)
		.where('status', '=', 'booked')
		.where('start_at', '<', new Date(windowEnd).toISOString())
		.where('end_at', '>', new Date(windowStart).toISOString());
	if (options.ignoreAppointmentId)
		bookedQuery = bookedQuery.where('id', '!=', options.ignoreAppointmentId);
	const closed = new Set(
		(
			await db
				.selectFrom('closures')
				.select('day')
				.where('service_id', '=', serviceId)
				.where('day', '>=', fromDay)
				.where('day', '<=', toDay)
				.execute()
		).map((c) => c.day)
	);
	const rows = await bookedQuery.execute();
	const booked = rows.map((b) => [Date.parse(b.start_at), Date.parse(b.end_at)] as const);
	// Minutes booked from devices alone, per day: the part of the day's places they have used.
	const deviceMinutes = new Map<string, number>();
	for (const row of rows.filter(madeOnDevice)) {
		const day = communeDay(Date.parse(row.start_at));
		const minutes = (Date.parse(row.end_at) - Date.parse(row.start_at)) / 60_000;
		deviceMinutes.set(day, (deviceMinutes.get(day) ?? 0) + minutes);
	}
	const earliest = now.getTime() + LEAD_TIME_MS;

	const slots: Slot[] = [];
	for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
		if (closed.has(day)) continue;
		const weekday = weekdayOf(day);
		const periods = hours.filter((h) => h.weekday === weekday);
		// The places a device may take this day: all but the office's share, until its release.
		const deviceAllowance = options.forDevice
			? (1 - options.forDevice.share) *
				periods.reduce((sum, p) => sum + (p.end_minute - p.start_minute) * p.capacity, 0)
			: Infinity;
		const deviceUsed = deviceMinutes.get(day) ?? 0;
		for (const period of periods) {
			for (const type of types) {
				for (
					let minute = period.start_minute;
					minute + type.durationMinutes <= period.end_minute;
					minute += type.durationMinutes
				) {
					const start = atMinute(day, minute);
					const startMs = start.getTime();
					if (startMs < earliest) continue;
					const endMs = startMs + type.durationMinutes * 60_000;
					const taken = booked.filter(([s, e]) => s < endMs && e > startMs).length;
					const officeShareOnly =
						deviceUsed + type.durationMinutes > deviceAllowance &&
						startMs - now.getTime() > options.forDevice!.releaseMs;
					const remaining = officeShareOnly ? 0 : period.capacity - taken;
					if (remaining <= 0 && !options.includeFull) continue;
					slots.push({
						appointmentTypeId: type.id,
						start: isoWithOffset(start),
						end: isoWithOffset(atMinute(day, minute + type.durationMinutes)),
						remaining: Math.max(remaining, 0)
					});
				}
			}
		}
	}
	return slots.sort(
		(a, b) =>
			a.start.localeCompare(b.start) || a.appointmentTypeId.localeCompare(b.appointmentTypeId)
	);
}

/** The free slots of the same type nearest to a wanted time, to offer when it was taken. */
export async function nearestSlots(
	db: Reader,
	serviceId: string,
	appointmentTypeId: string,
	wanted: string,
	now: Date,
	count = 3,
	forDevice?: DeviceShare
) {
	const wantedMs = Date.parse(wanted);
	const day = communeDay(wantedMs);
	const slots = await freeSlots(db, {
		serviceId,
		appointmentTypeId,
		fromDay: addDays(day, -7) > communeDay(now) ? addDays(day, -7) : communeDay(now),
		toDay: addDays(day, 14),
		now,
		forDevice
	});
	return slots
		.filter((s) => Date.parse(s.start) !== wantedMs)
		.sort(
			(a, b) => Math.abs(Date.parse(a.start) - wantedMs) - Math.abs(Date.parse(b.start) - wantedMs)
		)
		.slice(0, count)
		.sort((a, b) => a.start.localeCompare(b.start))
		.map(({ appointmentTypeId: type, start, end }) => ({ appointmentTypeId: type, start, end }));
}

/**
 * Holds an office's slots until the transaction ends: a booking, a change of time, a closed day
 * or new opening hours of the same office decide one after the other, on one instance or several.
 */
export async function holdOfficeSlots(trx: QueryExecutorProvider, serviceId: string) {
	await dialectOf(trx).lock(trx, `slots:${serviceId}`);
}
