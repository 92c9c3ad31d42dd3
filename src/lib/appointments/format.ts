import { COMMUNE_TIME_ZONE } from '$lib/time/commune-time';

/** The commune's calendar day of an instant (YYYY-MM-DD): slots are grouped by it. */
export function slotDay(iso: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: COMMUNE_TIME_ZONE }).format(new Date(iso));
}

/** "mardi 1 décembre", in the person's language and the commune's time zone. */
export function dayLabel(iso: string, lang: string): string {
	return new Intl.DateTimeFormat(lang, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		timeZone: COMMUNE_TIME_ZONE
	}).format(new Date(iso));
}

/** "09:30" in French, "9:30 AM" in English. */
export function timeLabel(iso: string, lang: string): string {
	return new Intl.DateTimeFormat(lang, {
		hour: 'numeric',
		minute: '2-digit',
		timeZone: COMMUNE_TIME_ZONE
	}).format(new Date(iso));
}

/** "mardi 1 décembre 2026 à 09:30". */
export function whenLabel(iso: string, lang: string): string {
	return new Intl.DateTimeFormat(lang, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone: COMMUNE_TIME_ZONE
	}).format(new Date(iso));
}
