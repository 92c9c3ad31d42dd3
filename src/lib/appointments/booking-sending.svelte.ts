import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';
import { live } from '$lib/offline/live.svelte';
import { markSeen } from '$lib/offline/outbox';
import type { OutboxItem } from '$lib/offline/outbox-types';
import { takeOffered } from './booking';
import type { Whereabouts } from './place';

/** A booking or a change of time waiting on this tablet, or a 404 when there is none. */
export async function bookingSendingOr404(id: string): Promise<OutboxItem> {
	const item = await portalDb().outbox.get(id);
	if (!item || !item.type.startsWith('appointment.')) error(404, 'errors.sendingNotFound');
	return item;
}

/**
 * The confirmation of a booking as the tablet knows it, kept current (it changes by itself when
 * the sending leaves the device or is answered): the sending, the town hall's record once known,
 * when and where. Call it during a component's initialisation.
 */
export function bookingSending(id: () => string) {
	const db = portalDb();
	const itemQuery = live(id, (key) => db.outbox.get(key));
	const item = $derived(itemQuery.current);
	const recordQuery = live(
		() => item?.recordId,
		(key) => (key ? db.records.get(key) : undefined)
	);
	const record = $derived(recordQuery.current);
	// Its refusal, shown here, is seen: the "à revoir" banner stops asking about it.
	$effect(() => {
		if (item && (item.status === 'rejected' || item.status === 'conflict') && !item.seenAt) {
			void markSeen(db, [item.id]);
		}
	});
	// A booking says what and where; a change of time only when (the rest is the record's).
	const booking = $derived(item?.type === 'appointment.book' ? item.payload : undefined);
	const move = $derived(item?.type === 'appointment.reschedule' ? item.payload : undefined);
	const serviceId = $derived(booking?.serviceId ?? record?.serviceId);
	const serviceQuery = live(
		() => serviceId,
		(key) => (key ? db.services.get(key) : undefined)
	);
	const slotsQuery = live(
		() => serviceId,
		(key) => (key ? db.slots.get(key) : undefined)
	);
	// How and where: the server's record once it is known, else the booking itself and the
	// appointment kinds kept on the device.
	const where = $derived.by((): Whereabouts | undefined => {
		const typeId = booking?.appointmentTypeId ?? record?.appointmentTypeId;
		const mode =
			record?.mode ?? slotsQuery.current?.appointmentTypes.find((t) => t.id === typeId)?.mode;
		if (!mode) return undefined;
		return {
			mode,
			office: serviceQuery.current?.contact,
			phone: record?.contact?.phone ?? booking?.contact?.phone,
			address: record?.contact?.address ?? booking?.contact?.address
		};
	});
	// What she will be sent and what to bring: from the booking she made, and its kind.
	const kind = $derived.by(() => {
		const typeId = booking?.appointmentTypeId ?? record?.appointmentTypeId;
		return slotsQuery.current?.appointmentTypes.find((t) => t.id === typeId);
	});
	return {
		get booking() {
			return booking;
		},
		get bring() {
			return kind?.bring;
		},
		get reminderHours() {
			return slotsQuery.current?.reminderHours;
		},
		get item() {
			return item;
		},
		get record() {
			return record;
		},
		get serviceId() {
			return serviceId;
		},
		get start() {
			return booking?.start ?? move?.start ?? record?.start;
		},
		get where() {
			return where;
		},
		/** Books one of the offered times instead; the refused sending is dropped. Its new id. */
		take: (start: string, refused: OutboxItem) => takeOffered(db, refused, start)
	};
}
