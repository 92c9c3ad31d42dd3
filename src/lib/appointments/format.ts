import { intlLocale } from '$lib/i18n/languages';
import { COMMUNE_TIME_ZONE } from '$lib/time/commune-time';

const shapes = {
	/** "mardi 1 décembre" */
	day: { weekday: 'long', day: 'numeric', month: 'long' },
	/** "09:30" in French, "9:30 AM" in English */
	time: { hour: 'numeric', minute: '2-digit' },
	/** "mardi 1 décembre 2026 à 09:30" */
	when: {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit'
	}
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// One formatter per language and shape, made on first use: a day's list of times reuses it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function format(shape: keyof typeof shapes, iso: string, lang: string): string {
	const key = `${lang}:${shape}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat(intlLocale(lang), {
			...shapes[shape],
			timeZone: COMMUNE_TIME_ZONE
		});
		formatters.set(key, formatter);
	}
	return formatter.format(new Date(iso));
}

/** Slot times in the person's language and always in the commune's time zone. */
export const dayLabel = (iso: string, lang: string) => format('day', iso, lang);
export const timeLabel = (iso: string, lang: string) => format('time', iso, lang);
export const whenLabel = (iso: string, lang: string) => format('when', iso, lang);
