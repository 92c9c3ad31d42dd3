import commune from '$commune/commune.json';

export const COMMUNE_TIME_ZONE: string = commune.timezone ?? 'Europe/Paris';

/** Today's date in the commune, as YYYY-MM-DD, whatever the device's own time zone. */
export function communeToday(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: COMMUNE_TIME_ZONE }).format(now);
}
