import { communeDay } from '$lib/time/commune-time';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The commune day an address asks for (`?jour=`), or `fallback` when absent or not a date. */
export function dayParam(url: URL, fallback = communeDay()) {
	const asked = url.searchParams.get('jour') ?? '';
	const day = DAY.test(asked) && !Number.isNaN(Date.parse(asked)) ? asked : fallback;
	return { day, invalid: asked !== '' && asked !== day };
}
