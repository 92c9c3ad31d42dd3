import { error } from '@sveltejs/kit';
import { communeDay } from '$lib/time/commune-time';
import { portalDb } from '$lib/offline/db';
import { ensureCatalogue, refreshSlots } from '$lib/offline/sync-engine';

const STEP_MAX_AGE_MS = 2 * 60_000;

export async function load({ params, url, parent }) {
	const { i18n } = await parent();
	if (!(await ensureCatalogue())) error(503, 'catalogue not on this device yet');
	const db = portalDb();
	const service = await db.services.get(params.serviceId);
	if (!service?.bookable) error(404, 'errors.notBookable');
	// The free times are fetched when she opens the booking; its later steps (a day, a time) read
	// the device's copy, so each tap answers at once on a weak connection. The server checks the
	// time again when the booking arrives, and offers others if it was taken meanwhile.
	let cached = await db.slots.get(service.id);
	const opening = !url.searchParams.has('jour') && !url.searchParams.has('heure');
	const age = cached ? Date.now() - Date.parse(cached.fetchedAt) : Infinity;
	let fresh = !opening && age < STEP_MAX_AGE_MS;
	if (!fresh) {
		fresh = await refreshSlots(service.id);
		cached = await db.slots.get(service.id);
	}
	const movingId = url.searchParams.get('deplacer');
	const moving = movingId ? await db.records.get(movingId) : undefined;
	const types = cached?.appointmentTypes ?? [];
	const typeId =
		moving?.appointmentTypeId ??
		url.searchParams.get('type') ??
		(types.length === 1 ? types[0]?.id : undefined);
	const type = types.find((t) => t.id === typeId);
	const now = Date.now();
	const slots = (cached?.slots ?? []).filter(
		(s) => s.appointmentTypeId === typeId && Date.parse(s.start) > now
	);
	const day = url.searchParams.get('jour');
	const time = url.searchParams.get('heure');
	return {
		service,
		types,
		type,
		slots,
		day,
		daySlots: day ? slots.filter((s) => communeDay(s.start) === day) : [],
		slot: time ? slots.find((s) => s.start === time) : undefined,
		moving,
		fresh,
		fetchedAt: cached?.fetchedAt,
		title: `${i18n.t(moving ? 'booking.changeTitle' : 'booking.title')} – ${i18n.pick(service.title)}`
	};
}
