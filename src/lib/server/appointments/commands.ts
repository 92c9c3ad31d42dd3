import type { Payload } from '$lib/contract/outbox';
import {
	appointmentTypesOf,
	freeSlots,
	holdOfficeSlots,
	LEAD_TIME_MS,
	nearestSlots,
	type DeviceShare
} from './slots';
import { serverConfig } from '../config';
import { communeDay } from '$lib/time/commune-time';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { uniqueReference } from '../db/references';
import { cleanContact, contactIssues } from '$lib/appointments/contact';
import { DEFAULT_KINDS, listColumn } from '$lib/notices/choice';
import { appointmentChanged } from '../notices/queue';
import { smsDestination } from '$lib/notices/destinations';
import { noticeSettings } from '../notices/settings';
import { audit } from '../journal/audit';
import { countToday } from '../quotas';
import { overNewDeviceRate } from './booking-rate';
import { cancelAppointment } from './cancel';
import { logCall } from './call-list';
import { plainTextIssue } from '$lib/forms/plain-text';
import { lockAppointment, nextAppointmentVersions } from './rows';
import { deviceOfCode, readTabletCode } from '../devices/tablet-code';

type SlotCheck = { ok: true; end: string } | { ok: false; outcome: Outcome };

/**
 * Whether `start` is a free slot of this type now. A time never offered is a mistake to fix
 * (rejected); a slot taken or passed while the person was offline is a conflict, with the
 * nearest free slots to choose from instead.
 */
async function checkSlot(
	ctx: MutationContext,
	serviceId: string,
	appointmentTypeId: string,
	start: string,
	forDevice: DeviceShare | undefined,
	ignoreAppointmentId?: string
): Promise<SlotCheck> {
	// Two bookings of the service's last place decide in turn, on one instance or several.
	await holdOfficeSlots(ctx.trx, serviceId);
	const startMs = Date.parse(start);
	const conflict = async (code: string): Promise<SlotCheck> => ({
		ok: false,
		outcome: {
			status: 'conflict',
			errors: [fieldError('start', code)],
			alternatives: await nearestSlots(
				ctx.trx,
				serviceId,
				appointmentTypeId,
				start,
				ctx.now,
				3,
				forDevice
			)
		}
	});
	if (startMs < ctx.now.getTime() + LEAD_TIME_MS) return conflict('slotInPast');
	const day = communeDay(startMs);
	const grid = await freeSlots(ctx.trx, {
		serviceId,
		appointmentTypeId,
		fromDay: day,
		toDay: day,
		now: ctx.now,
		ignoreAppointmentId,
		includeFull: true,
		forDevice
	});
	const slot = grid.find((s) => Date.parse(s.start) === startMs);
	if (!slot) return { ok: false, outcome: rejected(fieldError('start', 'notASlot')) };
	if (slot.remaining <= 0) return conflict('slotTaken');
	return { ok: true, end: new Date(Date.parse(slot.end)).toISOString() };
}

/**
 * Counts a booking, a change of time or a cancellation against the device's day (one atomic
 * statement, before anything is checked), and refuses past the quota: each may send a message
 * under the commune's name. An agent at his own desk acts for many people.
 */
async function overChangeQuota(ctx: MutationContext): Promise<Outcome | null> {
	if (ctx.actor?.mode === 'staff') return null;
	const done = await countToday(ctx.trx, 'changes', ctx.deviceHash, ctx.now);
	return done > serverConfig.quotas.appointmentChangesPerDay
		? rejected(fieldError('quota', 'quotaChanges'))
		: null;
}

/** SMS go only to the countries the commune allows (SMS_COUNTRIES): said at once, not at sending. */
function smsRefusal(channels: readonly string[], phone: string | null | undefined) {
	if (!channels.includes('sms')) return null;
	const destination = smsDestination(phone, noticeSettings().smsCountries);
	return 'refused' in destination
		? rejected(
				fieldError(
					'contact.phone',
					destination.refused === 'country' ? 'smsCountryRefused' : 'mobileNeeded'
				)
			)
		: null;
}

/**
 * The device a booking belongs to: the sender's, or, when an agent at his desk was given the code
 * her tablet shows, her tablet's, so that it follows there. Only an agent may give a code.
 */
async function bookingDevice(
	ctx: MutationContext,
	code: string | undefined
): Promise<{ deviceHash: string; hers: boolean } | { outcome: Outcome }> {
	if (code === undefined || code.trim() === '') return { deviceHash: ctx.deviceHash, hers: false };
	if (ctx.actor?.mode !== 'staff') {
		return { outcome: rejected(fieldError('tabletCode', 'staffOnly')) };
	}
	const digits = readTabletCode(code);
	if (!digits) return { outcome: rejected(fieldError('tabletCode', 'tabletCodeFormat')) };
	const found = await deviceOfCode(ctx.trx, digits, ctx.actor.id, ctx.now);
	if ('refused' in found) return { outcome: rejected(fieldError('tabletCode', found.refused)) };
	return { deviceHash: found.deviceHash, hers: true };
}

/** Her tablet accepted notifications (a push address is known for it): they come there too. */
async function withHerPush(ctx: MutationContext, deviceHash: string, channels: string[]) {
	if (channels.includes('push')) return channels;
	const push = await ctx.trx
		.selectFrom('push_subscriptions')
		.select('device_hash')
		.where('device_hash', '=', deviceHash)
		.executeTakeFirst();
	return push ? [...channels, 'push'] : channels;
}

export async function bookAppointment(
	ctx: MutationContext,
	payload: Payload<'appointment.book'>
): Promise<Outcome> {
	const types = await appointmentTypesOf(ctx.trx, payload.serviceId);
	if (types.length === 0) return rejected(fieldError('serviceId', 'unknownService'));
	const type = types.find((t) => t.id === payload.appointmentTypeId);
	if (!type) return rejected(fieldError('appointmentTypeId', 'unknownAppointmentType'));
	// The same check as the confirm step's: the office must know whom to expect and where.
	const issues = contactIssues(payload.contact, type.mode, communeDay(ctx.now));
	if (issues.length > 0) {
		return rejected(...issues.map((issue) => fieldError(`contact.${issue.field}`, issue.code)));
	}
	const contact = cleanContact(payload.contact, type.mode);
	const refusal = smsRefusal(contact.notify ?? [], contact.phone);
	if (refusal) return refusal;
	const device = await bookingDevice(ctx, payload.tabletCode);
	if ('outcome' in device) return device.outcome;
	const channels = device.hers
		? await withHerPush(ctx, device.deviceHash, contact.notify ?? [])
		: (contact.notify ?? []);
	const overQuota = await overChangeQuota(ctx);
	if (overQuota) return overQuota;
	const byAgentHere = (payload.assisted && ctx.actor) || ctx.actor?.mode === 'staff';
	if (
		!byAgentHere &&
		(await overNewDeviceRate(ctx.trx, ctx.deviceHash, payload.serviceId, ctx.now))
	) {
		return rejected(fieldError('quota', 'quotaBusy'));
	}
	// Counted under the device's row lock (see apply.ts): two simultaneous bookings see each other.
	const upcoming = await ctx.trx
		.selectFrom('appointments')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('device_hash', '=', ctx.deviceHash)
		.where('service_id', '=', payload.serviceId)
		.where('status', '=', 'booked')
		.where('start_at', '>', ctx.now.toISOString())
		.executeTakeFirstOrThrow();
	// Quotas bound anonymous devices; an agent at his own desk books for many people.
	const limit = serverConfig.quotas.upcomingAppointmentsPerService;
	if (Number(upcoming.n) >= limit && ctx.actor?.mode !== 'staff') {
		return rejected(fieldError('quota', 'quotaAppointments'));
	}
	const helped_by = payload.assisted && ctx.actor ? ctx.actor.id : null;
	// A device alone books from the day's places but the office's share; an agent, from all.
	const byAgent = helped_by !== null || ctx.actor?.mode === 'staff';
	const check = await checkSlot(
		ctx,
		payload.serviceId,
		payload.appointmentTypeId,
		payload.start,
		byAgent ? undefined : serverConfig.officeShare
	);
	if (!check.ok) return check.outcome;
	const reference = await uniqueReference(ctx.trx, 'appointments', 'R');
	const stamp = ctx.now.toISOString();
	const start = new Date(Date.parse(payload.start)).toISOString();
	// An agent made it, at his desk or beside her: the office has seen it, its letters are printed.
	const letters_approved_at = helped_by || ctx.actor?.mode === 'staff' ? stamp : null;
	const notify = {
		notify_channels: listColumn(channels),
		notify_kinds: listColumn(payload.contact.notices ?? DEFAULT_KINDS),
		language: payload.contact.language ?? 'fr'
	};
	await ctx.trx
		.insertInto('appointments')
		.values({
			...notify,
			id: ctx.mutation.id,
			reference,
			device_hash: device.deviceHash,
			service_id: payload.serviceId,
			appointment_type_id: payload.appointmentTypeId,
			start_at: start,
			end_at: check.end,
			status: 'booked',
			created_at: stamp,
			updated_at: stamp,
			version: await nextAppointmentVersions(ctx.trx),
			person_name: contact.name,
			person_phone: contact.phone,
			person_address: contact.address ?? null,
			person_email: contact.email ?? null,
			// Only with her consent and the agent's live session, as for requests.
			helped_by,
			booked_by: ctx.actor?.mode === 'staff' ? ctx.actor.id : null,
			letters_approved_at
		})
		.execute();
	await appointmentChanged(
		ctx.trx,
		{ id: ctx.mutation.id, start_at: start, ...notify, letters_approved_at },
		'booked',
		ctx.mutation.id,
		ctx.now
	);
	// Given her tablet's code: journaled as such (the booking shows on that tablet).
	await journal(
		ctx,
		device.hers ? 'appointment.bookedForTablet' : 'appointment.booked',
		ctx.mutation.id,
		start
	);
	return { status: 'applied', reference, recordId: ctx.mutation.id };
}

/**
 * Her tablet cancels what it booked. Counted against the device's day only when it changes
 * something; the cancelling itself is the one cancel (cancel.ts).
 */
export async function cancelFromDevice(
	ctx: MutationContext,
	payload: Payload<'appointment.cancel'>
): Promise<Outcome> {
	const appointment = await lockAppointment(ctx.trx, payload.appointmentId, ctx.deviceHash);
	if (!appointment) return rejected(fieldError('appointmentId', 'unknownAppointment'));
	if (appointment.status === 'booked') {
		const overQuota = await overChangeQuota(ctx);
		if (overQuota) return overQuota;
		await cancelAppointment(ctx.trx, appointment.id, { event: ctx.mutation.id, now: ctx.now });
	}
	return { status: 'applied', reference: appointment.reference, recordId: appointment.id };
}

/** An agent signed in at his desk (not beside her on her tablet): he acts for the office. */
const byOffice = (ctx: MutationContext) => ctx.actor?.mode === 'staff';

/** What an agent did to someone's appointment from his desk, journaled with the change. */
async function journal(
	ctx: MutationContext,
	action:
		| 'appointment.booked'
		| 'appointment.bookedForTablet'
		| 'appointment.moved'
		| 'appointment.cancelled',
	appointmentId: string,
	detail?: string
) {
	if (!ctx.actor || ctx.actor.mode !== 'staff') return;
	await audit(
		ctx.trx,
		{
			staffUserId: ctx.actor.id,
			action,
			subjectType: 'appointment',
			subjectId: appointmentId,
			detail
		},
		ctx.now
	);
}

/**
 * An agent cancels for the office, with the reason she will read (a caller who cannot come, an
 * absence). Any appointment; staff only (apply.ts); already cancelled changes nothing.
 */
export async function cancelByOffice(
	ctx: MutationContext,
	payload: Payload<'appointment.cancelByOffice'>
): Promise<Outcome> {
	// Her messages carry it under the commune's name: one plain line, no one's link.
	const plain = plainTextIssue(payload.reason);
	if (plain) return rejected(fieldError('payload.reason', plain));
	const cancelled = await cancelAppointment(ctx.trx, payload.appointmentId, {
		event: ctx.mutation.id,
		now: ctx.now,
		reason: payload.reason,
		byOffice: true
	});
	if (!cancelled) return rejected(fieldError('appointmentId', 'unknownAppointment'));
	await journal(ctx, 'appointment.cancelled', cancelled.id, payload.reason);
	if (payload.duringCall && ctx.actor) {
		await logCall(ctx.trx, cancelled.id, 'cancelled', ctx.actor.id, ctx.now);
	}
	return { status: 'applied', reference: cancelled.reference, recordId: cancelled.id };
}

export async function rescheduleAppointment(
	ctx: MutationContext,
	payload: Payload<'appointment.reschedule'>
): Promise<Outcome> {
	// Only an agent at his desk records a call.
	if (payload.duringCall && !byOffice(ctx)) {
		return rejected(fieldError('payload.duringCall', 'staffOnly'));
	}
	// Her tablet moves only what it booked; an agent at his desk, anyone's (a caller's).
	const owner = byOffice(ctx) ? undefined : ctx.deviceHash;
	// The office's slots first, then the appointment: the order every writer keeps (rows.ts), so
	// a day closing while she moves cannot wait on each other. An office never changes.
	let office = ctx.trx
		.selectFrom('appointments')
		.select('service_id')
		.where('id', '=', payload.appointmentId);
	if (owner) office = office.where('device_hash', '=', owner);
	const found = await office.executeTakeFirst();
	if (!found) return rejected(fieldError('appointmentId', 'unknownAppointment'));
	await holdOfficeSlots(ctx.trx, found.service_id);
	const appointment = await lockAppointment(ctx.trx, payload.appointmentId, owner);
	if (!appointment) return rejected(fieldError('appointmentId', 'unknownAppointment'));
	if (appointment.status !== 'booked')
		return rejected(fieldError('appointmentId', 'appointmentCancelled'));
	const overQuota = await overChangeQuota(ctx);
	if (overQuota) return overQuota;
	// Moved by her tablet, a device's booking stays within the devices' part of the day.
	const onDevice = !appointment.booked_by && !appointment.helped_by && ctx.actor?.mode !== 'staff';
	const check = await checkSlot(
		ctx,
		appointment.service_id,
		appointment.appointment_type_id,
		payload.start,
		onDevice ? serverConfig.officeShare : undefined,
		appointment.id
	);
	if (!check.ok) return check.outcome;
	const start = new Date(Date.parse(payload.start)).toISOString();
	const stamp = ctx.now.toISOString();
	const changes = {
		start_at: start,
		end_at: check.end,
		// A new time: her answer to the old time's reminder no longer holds.
		answer: null,
		answered_at: null,
		updated_at: stamp,
		version: await nextAppointmentVersions(ctx.trx),
		// Agreed with the office: its letter is printed without waiting for approval.
		...(byOffice(ctx) ? { letters_approved_at: stamp } : {})
	};
	await ctx.trx.updateTable('appointments').set(changes).where('id', '=', appointment.id).execute();
	await appointmentChanged(
		ctx.trx,
		{ ...appointment, ...changes },
		'changed',
		ctx.mutation.id,
		ctx.now
	);
	await journal(ctx, 'appointment.moved', appointment.id, start);
	if (payload.duringCall && ctx.actor) {
		await logCall(ctx.trx, appointment.id, 'rescheduled', ctx.actor.id, ctx.now);
	}
	return { status: 'applied', reference: appointment.reference, recordId: appointment.id };
}
