import type { Contact } from '$lib/catalogue/types';
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

/**
 * Her address, a number, an office's name: set apart from the sentence around them (Unicode
 * isolates), so a French address inside an Arabic sentence keeps its own order ("12 rue…").
 */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * The sentence that tells her how or where, in words: "Par téléphone : nous vous appelons au
 * 06 12 34 56 78", "Sur place : CCAS de Val-de-Lierre, 2 place de la Mairie", "Chez vous : 12 rue…".
 */
export function placeText(where: Whereabouts, i18n: Words, { forPage = true } = {}): string {
	// A calendar file's text is plain: no isolates there.
	const isolated = forPage ? isolate : (text: string) => text;
	// Non-breaking spaces: a phone number never wraps in the middle at large text.
	const phone = (where.phone ?? '').replace(/ /g, '\u00a0');
	switch (where.mode) {
		case 'phone':
			return phone
				? i18n.t('booking.place.phone', { phone: isolated(phone) })
				: i18n.t('booking.place.phoneNoNumber');
		case 'home_visit':
			return where.address
				? i18n.t('booking.place.home_visit', { address: isolated(where.address) })
				: i18n.t('booking.mode.home_visit');
		case 'in_person': {
			const office = i18n.pick(where.office?.name);
			const address = where.office?.address;
			if (!office && !address) return i18n.t('booking.mode.in_person');
			return i18n.t('booking.place.in_person', {
				office: isolated([office, address].filter(Boolean).join(', '))
			});
		}
	}
}

/** The calendar file's LOCATION: an address where there is one, else how it takes place. */
export function calendarLocation(where: Whereabouts, i18n: Words): string {
	if (where.mode === 'home_visit' && where.address) return where.address;
	if (where.mode === 'in_person' && where.office?.address) {
		return [i18n.pick(where.office.name), where.office.address].filter(Boolean).join(', ');
	}
	return placeText(where, i18n, { forPage: false });
}

/** The calendar file of one appointment: where (LOCATION), and in its text how, the number and whom to call. */
export function calendarEvent(
	appointment: { id: string; title: string; start: string; end: string; reference?: string },
	where: Whereabouts,
	fallbackPhone: string,
	i18n: Words
) {
	const lines = [
		placeText(where, i18n, { forPage: false }),
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
