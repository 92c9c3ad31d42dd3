import { TZDate } from '@date-fns/tz';
import { COMMUNE_TIME_ZONE } from '$lib/time/commune-time';

/** The commune's time zone (see $lib/time/commune-time, shared with the device). */
export const TIME_ZONE = COMMUNE_TIME_ZONE;

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
