import type { Language } from '$lib/i18n/languages';
import { DEFAULT_KINDS } from '$lib/notices/choice';
import type { NoticeChannel } from '$lib/notices/kinds';
import type { PortalDatabase } from '$lib/offline/db';
import type { Profile } from '$lib/offline/device-types';
import { enqueue } from '$lib/offline/outbox';
import type { OutboxItem } from '$lib/offline/outbox-types';
import { flushNow } from '$lib/offline/sync-engine';
import { BOOKING_CONTACT_KEY, saveProfile } from '$lib/settings/profile';
import type { cleanContact } from './contact';

// Booking's use cases on the tablet: what the confirm step reads and keeps, and confirming. The
// booking page shows and collects; what happens lives here.

/** What she typed at the confirm step, kept across a reload or a closed tab. */
type Typed = { values: Record<string, string | string[]>; remember: boolean };
type Given = ReturnType<typeof cleanContact>;
type Label = { text: string; lang: string | undefined };

/**
 * Her details for the confirm step: what she typed before, else "Mes informations" with her
 * usual ways to be told already ticked (those this tablet offers).
 */
export async function bookingContact(db: PortalDatabase, offered: readonly NoticeChannel[]) {
	const [typed, profile] = await Promise.all([
		db.getMeta<Typed>(BOOKING_CONTACT_KEY),
		db.profile.get('me')
	]);
	const { name = '', phone = '', address = '', email = '', notify = [] } = profile ?? {};
	return {
		profile,
		values: typed?.values ?? {
			name,
			phone,
			address,
			email,
			notify: notify.filter((c) => offered.includes(c))
		},
		remember: typed?.remember ?? false
	};
}

/** Keeps what she is typing, so a reload or a closed tab loses nothing. */
export function keepTyped(db: PortalDatabase, typed: Typed) {
	void db.meta.put({ key: BOOKING_CONTACT_KEY, value: typed });
}

export interface Confirmation {
	serviceId: string;
	appointmentTypeId: string;
	start: string;
	/** Moving an appointment she has: only its time changes. */
	moving?: { id: string };
	given: Given;
	/** Her details saved to "Mes informations" too, as she asked. */
	remember: boolean;
	profile: Profile | undefined;
	language: Language;
	assisted: boolean;
	label: Label;
}

/**
 * Confirms: the booking (or the change of time) goes into the outbox, what she typed is dropped,
 * and, online, the answer is awaited a moment so the next page can confirm at once. Returns the
 * outbox item the confirmation page follows.
 */
export async function confirmBooking(db: PortalDatabase, c: Confirmation): Promise<string> {
	if (!c.moving && c.remember) {
		const { notify, ...details } = c.given;
		await saveProfile({ ...c.profile, ...details, ...(notify ? { notify } : {}) });
	}
	const item = c.moving
		? await enqueue(
				db,
				'appointment.reschedule',
				{ appointmentId: c.moving.id, start: c.start },
				c.label
			)
		: await enqueue(
				db,
				'appointment.book',
				{
					serviceId: c.serviceId,
					appointmentTypeId: c.appointmentTypeId,
					start: c.start,
					contact: {
						...c.given,
						notices: c.profile?.notices ?? DEFAULT_KINDS,
						language: c.language
					},
					...(c.assisted ? { assisted: { consent: true as const } } : {})
				},
				c.label
			);
	await db.meta.delete(BOOKING_CONTACT_KEY);
	await sendAWhile();
	return item.id;
}

/**
 * One of the times offered instead of a refused one: a new sending (a new id), the refused one
 * dropped. Returns the new item's id, or undefined for what is not a booking or a move.
 */
export async function takeOffered(
	db: PortalDatabase,
	refused: OutboxItem,
	start: string
): Promise<string | undefined> {
	const label = { text: refused.label, lang: refused.labelLang };
	const next =
		refused.type === 'appointment.reschedule'
			? await enqueue(db, refused.type, { ...refused.payload, start }, label)
			: refused.type === 'appointment.book'
				? await enqueue(db, refused.type, { ...refused.payload, start }, label)
				: undefined;
	if (!next) return undefined;
	await db.outbox.delete(refused.id);
	await sendAWhile();
	return next.id;
}

/** Online, the answer comes within a moment; offline, she is not kept waiting past 8 s. */
const sendAWhile = () =>
	Promise.race([flushNow(), new Promise((resolve) => setTimeout(resolve, 8000))]);
