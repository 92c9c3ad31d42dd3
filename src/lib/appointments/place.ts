import type { Contact, Localized } from '$lib/catalogue/types';
import type { Translator } from '$lib/i18n/i18n';
import type { AppointmentMode } from './types';

/** How and where an appointment takes place, from the booking and the service's office. */
export interface Whereabouts {
	mode: AppointmentMode;
	/** The office receiving her (the service's contact). */
	office?: Contact;
	/** The number the office calls (phone appointments). */
	phone?: string | null;
	/** Where the agent goes (home visits). */
	address?: string | null;
}

type Words = Pick<Translator, 't' | 'pick'>;

/** A sentence of the interface with the commune's words put in: see Sentence.svelte. */
export interface PlaceSentence {
	key: string;
	values: Record<string, Localized>;
}

/**
 * How or where, as a sentence and what goes in it: "Par téléphone : nous vous appelons au
 * 06 12 34 56 78", "Sur place : CCAS de Val-de-Lierre, 2 place de la Mairie", "Chez vous : 12 rue…".
 * An office's name and address, and hers, are French (the commune's) unless translated: the page
 * marks them so (Place.svelte), a screen reader reading an Arabic page says them in French.
 */
export function placeSentence(where: Whereabouts): PlaceSentence {
	// Non-breaking spaces: a phone number never wraps in the middle at large text.
	const phone = (where.phone ?? '').replace(/ /g, '\u00a0');
	switch (where.mode) {
		case 'phone':
			return phone
				? { key: 'booking.place.phone', values: { phone: { fr: phone } } }
				: { key: 'booking.place.phoneNoNumber', values: {} };
		case 'home_visit':
			return where.address
				? { key: 'booking.place.home_visit', values: { address: { fr: where.address } } }
				: { key: 'booking.mode.home_visit', values: {} };
		case 'in_person': {
			const name = where.office?.name;
			const address = where.office?.address;
			if (!name?.fr && !address) return { key: 'booking.mode.in_person', values: {} };
			const joined = (picked: string | undefined) => [picked, address].filter(Boolean).join(', ');
			// The name in her language where the commune gave one, the address always as written.
			const office: Localized = name
				? (Object.fromEntries(
						Object.entries(name).map(([lang, text]) => [lang, joined(text)])
					) as Localized)
				: { fr: joined(undefined) };
			return { key: 'booking.place.in_person', values: { office } };
		}
	}
}

/** The same sentence as plain text: for messages and calendar files. */
export function placeText(where: Whereabouts, i18n: Words): string {
	const { key, values } = placeSentence(where);
	return i18n.t(key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, i18n.pick(v)])));
}

/** The calendar file's LOCATION: an address where there is one, else how it takes place. */
export function calendarLocation(where: Whereabouts, i18n: Words): string {
	if (where.mode === 'home_visit' && where.address) return where.address;
	if (where.mode === 'in_person' && where.office?.address) {
		return [i18n.pick(where.office.name), where.office.address].filter(Boolean).join(', ');
	}
	return placeText(where, i18n);
}

/** The calendar file of one appointment: where (LOCATION), and in its text how, the number and whom to call. */
export function calendarEvent(
	appointment: { id: string; title: string; start: string; end: string; reference?: string },
	where: Whereabouts,
	fallbackPhone: string,
	i18n: Words
) {
	const lines = [
		placeText(where, i18n),
		appointment.reference ? `${i18n.t('booking.reference')} : ${appointment.reference}` : '',
		i18n.t('booking.questions', { phone: where.office?.phone ?? fallbackPhone })
	];
	return {
		uid: appointment.id,
		title: appointment.title,
		start: appointment.start,
		end: appointment.end,
		location: calendarLocation(where, i18n),
		description: lines.filter(Boolean).join('\n')
	};
}
