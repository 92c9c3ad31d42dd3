import raw from '$commune/commune.json';
import type { Localized } from '$lib/catalogue/types';

const text = (value: string | Record<string, string>): Localized =>
	typeof value === 'string' ? { fr: value } : { fr: value.fr ?? '', ...value };

/** The commune's identity, fixed at build time from commune/commune.json. */
export const commune = {
	id: raw.id,
	demo: raw.demo === true,
	name: text(raw.name),
	appName: text(raw.appName),
	/** Short enough for a narrow header at large text. */
	shortName: text(raw.shortName),
	/** One sentence on what the portal offers: the pages' default `<meta name="description">`. */
	description: text(raw.description),
	contact: {
		label: text(raw.contact.label),
		phone: raw.contact.phone,
		address: raw.contact.address,
		email: raw.contact.email,
		hours: text(raw.contact.hours)
	}
};

/** `tel:` links want the number without spaces; a French number gets its +33 form. */
export function telHref(phone: string): string {
	const digits = phone.replace(/[^0-9+]/g, '');
	return `tel:${digits.length === 10 && digits.startsWith('0') ? `+33${digits.slice(1)}` : digits}`;
}
