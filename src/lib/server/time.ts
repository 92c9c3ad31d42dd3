import { TZDate } from '@date-fns/tz';
import commune from '$commune/commune.json';

/** The commune's time zone: slots, "today" and opening hours are all in it. */
export const TIME_ZONE: string = commune.timezone ?? 'Europe/Paris';

/** The commune's calendar day of an instant, as YYYY-MM-DD. */
export function dayOf(instant: Date | number, zone = TIME_ZONE): string {
	const d = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), zone);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** An instant at `minute` past midnight of `day` in the commune, as ISO 8601 with its offset. */
export function atMinute(day: string, minute: number, zone = TIME_ZONE): TZDate {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new TZDate(y, m - 1, d, Math.floor(minute / 60), minute % 60, zone);
}

export function isoWithOffset(date: Date): string {
	return date.toISOString().replace('.000', '');
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a commune day. */
export function weekdayOf(day: string, zone = TIME_ZONE): number {
	return atMinute(day, 12 * 60, zone).getDay() || 7;
}

export function addDays(day: string, days: number): string {
	const date = new Date(`${day}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}
