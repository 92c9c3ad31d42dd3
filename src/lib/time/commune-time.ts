import commune from '$commune/commune.json';

/** The commune's time zone: "today", opening hours and slots are all in it, on server and device. */
export const COMMUNE_TIME_ZONE: string = commune.timezone ?? 'Europe/Paris';

// Made once: building an Intl formatter is the slow part, and slot lists call this per button.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: COMMUNE_TIME_ZONE });

/** The commune's calendar day of an instant (now by default), as YYYY-MM-DD. */
export function communeDay(instant: Date | number | string = new Date()): string {
	return dayFormat.format(instant instanceof Date ? instant : new Date(instant));
}

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2026-11-31, 2025-02-29 or year 0). */
export function isRealDay(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const utc = new Date(Date.UTC(year, month - 1, date));
	return (
		year >= 1 &&
		utc.getUTCFullYear() === year &&
		utc.getUTCMonth() === month - 1 &&
		utc.getUTCDate() === date
	);
}
