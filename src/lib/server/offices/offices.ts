import { randomUUID } from 'node:crypto';
import { holdOfficeSlots } from '../appointments/slots';
import type { Db } from '../db/open';
import { audit } from '../journal/audit';
import { cancelAppointment } from '../appointments/cancel';
import { addDays, atMinute } from '../time';
import { decodeAppointmentType, decodeService } from '../catalogue/columns';

/** Services that take appointments: the commune's "offices" in the staff area. */
export async function offices(db: Db) {
	const rows = await db
		.selectFrom('catalogue_services as s')
		.select(['s.id', 's.data'])
		.where('s.deleted', '=', 0)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('appointment_types as t')
					.select('t.id')
					.whereRef('t.service_id', '=', 's.id')
					.where('t.active', '=', 1)
			)
		)
		.orderBy('s.position')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: decodeService(r.data).title.fr
	}));
}

/** Each office's appointments of one commune day, earliest first, with whom to expect. */
export function dayAppointments(db: Db, day: string) {
	return appointmentsBetween(db, day, day);
}

/**
 * Appointments from `fromDay` to `toDay` (commune days, both included), earliest first, with whom
 * to expect and where: her address for a home visit. One office only when `serviceId` is given.
 */
export async function appointmentsBetween(
	db: Db,
	fromDay: string,
	toDay: string,
	serviceId?: string
) {
	let query = db
		.selectFrom('appointments as a')
		.leftJoin('staff_users as u', 'u.id', 'a.helped_by')
		.leftJoin('staff_users as follower', 'follower.id', 'a.assigned_to')
		.selectAll('a')
		.select(['u.display_name as helper', 'follower.display_name as followedBy'])
		.where('start_at', '>=', atMinute(fromDay, 0).toISOString())
		.where('start_at', '<', atMinute(addDays(toDay, 1), 0).toISOString());
	if (serviceId) query = query.where('a.service_id', '=', serviceId);
	const [list, types] = await Promise.all([
		query.orderBy('start_at').execute(),
		db.selectFrom('appointment_types').select(['id', 'data']).execute()
	]);
	const typeOf = new Map(types.map((t) => [t.id, decodeAppointmentType(t.data)]));
	return list.map((a) => ({
		id: a.id,
		serviceId: a.service_id,
		reference: a.reference,
		start: a.start_at,
		end: a.end_at,
		status: a.status,
		type: typeOf.get(a.appointment_type_id)?.label.fr ?? a.appointment_type_id,
		mode: typeOf.get(a.appointment_type_id)?.mode ?? 'in_person',
		personName: a.person_name,
		personPhone: a.person_phone,
		personAddress: a.person_address,
		helpedBy: a.helper,
		// Her answer to the reminder ("viendra", "rappel demandé"), and the agent following it.
		answer: a.answer,
		followedBy: a.followedBy
	}));
}

export type OfficeAppointment = Awaited<ReturnType<typeof appointmentsBetween>>[number];

export interface HoursRow {
	weekday: number;
	from: string;
	to: string;
	capacity: number;
}

export interface HoursIssue {
	row: number;
	field: 'weekday' | 'from' | 'to' | 'capacity';
	code: 'weekdayInvalid' | 'timeInvalid' | 'endBeforeStart' | 'capacityInvalid' | 'overlap';
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const clock = (minute: number) =>
	`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export async function openingHours(db: Db, serviceId: string): Promise<HoursRow[]> {
	const rows = await db
		.selectFrom('opening_hours')
		.selectAll()
		.where('service_id', '=', serviceId)
		.orderBy('weekday')
		.orderBy('start_minute')
		.execute();
	return rows.map((r) => ({
		weekday: r.weekday,
		from: clock(r.start_minute),
		to: clock(r.end_minute),
		capacity: r.capacity
	}));
}

/** Every problem of a week's opening hours, row by row, in words an agent can act on. */
export function checkHours(rows: HoursRow[]): HoursIssue[] {
	const issues: HoursIssue[] = [];
	rows.forEach((row, index) => {
		if (!Number.isInteger(row.weekday) || row.weekday < 1 || row.weekday > 7)
			issues.push({ row: index, field: 'weekday', code: 'weekdayInvalid' });
		if (!TIME.test(row.from)) issues.push({ row: index, field: 'from', code: 'timeInvalid' });
		if (!TIME.test(row.to)) issues.push({ row: index, field: 'to', code: 'timeInvalid' });
		else if (TIME.test(row.from) && minutes(row.to) <= minutes(row.from))
			issues.push({ row: index, field: 'to', code: 'endBeforeStart' });
		if (!Number.isInteger(row.capacity) || row.capacity < 1 || row.capacity > 50)
			issues.push({ row: index, field: 'capacity', code: 'capacityInvalid' });
	});
	if (issues.length) return issues;
	rows.forEach((row, index) => {
		const clash = rows.findIndex(
			(other, j) =>
				j < index &&
				other.weekday === row.weekday &&
				minutes(other.from) < minutes(row.to) &&
				minutes(row.from) < minutes(other.to)
		);
		if (clash >= 0) issues.push({ row: index, field: 'from', code: 'overlap' });
	});
	return issues;
}

/** Replaces an office's week in one transaction: slots offered to devices follow at their next sync. */
export async function saveOpeningHours(db: Db, serviceId: string, rows: HoursRow[]) {
	await db.transaction().execute(async (trx) => {
		// In turn with bookings of this office (see outbox/appointments.ts).
		await holdOfficeSlots(trx, serviceId);
		await trx.deleteFrom('opening_hours').where('service_id', '=', serviceId).execute();
		for (const [index, row] of rows.entries()) {
			await trx
				.insertInto('opening_hours')
				.values({
					id: `${serviceId}-staff-${index}-${row.weekday}`,
					service_id: serviceId,
					weekday: row.weekday,
					start_minute: minutes(row.from),
					end_minute: minutes(row.to),
					capacity: row.capacity
				})
				.execute();
		}
	});
}

export function upcomingClosures(db: Db, serviceId: string, fromDay: string) {
	return db
		.selectFrom('closures')
		.select(['id', 'day', 'reason'])
		.where('service_id', '=', serviceId)
		.where('day', '>=', fromDay)
		.orderBy('day')
		.execute();
}

/**
 * Closes an office for a day. The appointments already booked that day are cancelled with the
 * reason, so each person reads it in "Mes rendez-vous" at her next sync rather than finding the
 * door shut; the agent is told how many, to call those who may not look.
 */
export async function addClosure(
	db: Db,
	serviceId: string,
	day: string,
	reason: string,
	staffUserId: string,
	now = new Date()
) {
	return db.transaction().execute(async (trx) => {
		// In turn with bookings of this office: one deciding on the day's slots while the day
		// closes would book a place on a closed day.
		await holdOfficeSlots(trx, serviceId);
		await trx
			.insertInto('closures')
			.values({
				id: randomUUID(),
				service_id: serviceId,
				day,
				reason,
				created_by: staffUserId,
				created_at: now.toISOString()
			})
			.onConflict((oc) => oc.columns(['service_id', 'day']).doUpdateSet({ reason }))
			.execute();
		const booked = await trx
			.selectFrom('appointments')
			.select(['id', 'start_at', 'notify_channels', 'notify_kinds'])
			.where('service_id', '=', serviceId)
			.where('status', '=', 'booked')
			.where('start_at', '>=', atMinute(day, 0).toISOString())
			.where('start_at', '<', atMinute(addDays(day, 1), 0).toISOString())
			.execute();
		for (const appointment of booked) {
			// Told at once, with the reason, on the ways she chose; the office cancelled it, so its
			// letter is the office's own, printed without approval.
			await cancelAppointment(trx, appointment.id, {
				event: `closure-${day}`,
				now,
				reason,
				byOffice: true
			});
		}
		// Cancelling people's appointments is a change to their data: journaled with the count.
		await audit(
			trx,
			{
				staffUserId,
				action: 'office.close',
				subjectType: 'office',
				subjectId: serviceId,
				detail: `${day}: ${booked.length}`
			},
			now
		);
		return { cancelled: booked.length };
	});
}

export async function removeClosure(db: Db, serviceId: string, id: string) {
	await db
		.deleteFrom('closures')
		.where('id', '=', id)
		.where('service_id', '=', serviceId)
		.execute();
}
