import commune from '$commune/commune.json';

/** The commune's time zone: "today", opening hours and slots are all in it, on server and device. */
export const COMMUNE_TIME_ZONE: string = commune.timezone ?? 'Europe/Paris';

// Made once: building an Intl formatter is the slow part, and slot lists call this per button.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: COMMUNE_TIME_ZONE });

/** The commune's calendar day of an instant (now by default), as YYYY-MM-DD. */
export function communeDay(instant: Date | number | string = new Date()): string {
	return dayFormat.format(instant instanceof Date ? instant : new Date(instant));
}
