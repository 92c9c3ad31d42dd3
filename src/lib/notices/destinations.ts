import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/mobile';

/**
 * France and its overseas departments: mainland mobiles (+33 6, 7) and those of Guadeloupe (with
 * Saint-Barthélemy and Saint-Martin), Martinique, Guyane, La Réunion and Mayotte.
 */
export const FRENCH_MOBILE_REGIONS: readonly CountryCode[] = [
	'FR',
	'GP',
	'BL',
	'MF',
	'MQ',
	'GF',
	'RE',
	'YT'
];
// A number written the French way (0690…) in an overseas department: tried after the mainland.
const NATIONAL_REGIONS: readonly CountryCode[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT'];

/** `SMS_COUNTRIES`: ISO codes beside France's ("BE,CH"); `FR` stands for every French region. */
export function smsCountries(raw: string | undefined): ReadonlySet<string> {
	const extra = (raw ?? '')
		.split(',')
		.map((c) => c.trim().toUpperCase())
		.filter((c) => /^[A-Z]{2}$/.test(c));
	return new Set([...FRENCH_MOBILE_REGIONS, ...extra]);
}

export type SmsDestination = { number: string } | { refused: 'notMobile' | 'country' };

/**
 * Where an SMS to `phone` would go, in the international form the provider takes (33612345678),
 * or why it may not: not a mobile, or a country outside `countries`. One rule on the tablet (which
 * says "not a mobile" at once) and the server (which also checks the country), from the same
 * library and metadata: a number the tablet lets through is never refused later as "not a mobile". Premium ranges abroad are
 * where "SMS pumping" makes money, so only the commune's own country is open by default.
 */
export function smsDestination(
	phone: string | null | undefined,
	countries?: ReadonlySet<string>
): SmsDestination {
	const text = phone?.trim() ?? '';
	if (!text || text.length > 40) return { refused: 'notMobile' };
	const international = /^(\+|00)/.test(text.replace(/[\s.-]/g, ''));
	const candidates = international
		? [parsePhoneNumberFromString(text.replace(/^\s*00/, '+'))]
		: NATIONAL_REGIONS.map((region) => parsePhoneNumberFromString(text, region));
	const number = candidates.find((p) => p?.isValid());
	if (!number) return { refused: 'notMobile' };
	const type = number.getType();
	if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { refused: 'notMobile' };
	// The tablet does not know SMS_COUNTRIES (no `countries`): the server answers for the country.
	if (countries && (!number.country || !countries.has(number.country))) {
		return { refused: 'country' };
	}
	return { number: number.number.slice(1) };
}
