import { COMMUNE_TIME_ZONE, communeDay } from '$lib/time/commune-time';
import { addDays, atMinute } from '../time';

const clockFormat = new Intl.DateTimeFormat('en-GB', {
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
	timeZone: COMMUNE_TIME_ZONE
});

/** Minutes past midnight in the commune. */
export function communeMinute(now: Date): number {
	const [h, m] = clockFormat.format(now).split(':').map(Number) as [number, number];
	return h * 60 + m;
}

/**
 * When the quiet hours that hold `now` end (the next 09:00 in the commune, by default), or null
 * outside them. The hours may span midnight (20:00-09:00) or not (12:00-14:00).
 */
export function quietUntil(now: Date, quiet: { from: number; to: number } | null): Date | null {
	if (!quiet || quiet.from === quiet.to) return null;
	const minute = communeMinute(now);
	const overnight = quiet.from > quiet.to;
	const inside = overnight
		? minute >= quiet.from || minute < quiet.to
		: minute >= quiet.from && minute < quiet.to;
	if (!inside) return null;
	const today = communeDay(now);
	const endDay = overnight && minute >= quiet.from ? addDays(today, 1) : today;
	return new Date(atMinute(endDay, quiet.to).getTime());
}
