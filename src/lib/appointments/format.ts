import { intlLocale } from '$lib/i18n/languages';
import { COMMUNE_TIME_ZONE } from '$lib/time/commune-time';

const shapes = {
	/** "Mardi 1 décembre" */
	day: { weekday: 'long', day: 'numeric', month: 'long' },
	/** "9 h 30" in French, "9:30 AM" in English */
	time: { hour: 'numeric', minute: '2-digit' },
	/** "Mardi 1 décembre 2026 à 9 h 30" */
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

function formatter(shape: keyof typeof shapes, lang: string): Intl.DateTimeFormat {
	const key = `${lang}:${shape}`;
	let found = formatters.get(key);
	if (!found) {
		found = new Intl.DateTimeFormat(intlLocale(lang), {
			...shapes[shape],
			timeZone: COMMUNE_TIME_ZONE
		});
		formatters.set(key, found);
	}
	return found;
}

const isFrench = (lang: string) => lang === 'fr' || lang.startsWith('fr-');

/**
 * Intl writes French days in lower case ("mardi 1 décembre"); a line, a heading or a button starts
 * with a capital, the same everywhere.
 */
const capitalised = (text: string, lang: string) =>
	text.charAt(0).toLocaleUpperCase(intlLocale(lang)) + text.slice(1);

/**
 * French writes "9 h 30" (and "14 h"), not Intl's "09:30": the form French public services use
 * and that a French reader recognises at once. Other languages keep their usual form.
 */
function clock(iso: string, lang: string): string {
	const parts = formatter('time', lang).formatToParts(new Date(iso));
	if (!isFrench(lang)) return parts.map((p) => p.value).join('');
	const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
	const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
	// Non-breaking spaces: "9 h 30" never splits over two lines.
	return minute === '00' ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${minute}`;
}

/**
 * A day inside a sentence ("Horaires libres le mardi 1 décembre"), as the language writes it
 * there: French, Spanish and Portuguese in lower case, English with its capital.
 */
export const dayInSentence = (iso: string, lang: string) =>
	formatter('day', lang).format(new Date(iso));
/** Slot times in the person's language and always in the commune's time zone. */
export const dayLabel = (iso: string, lang: string) => capitalised(dayInSentence(iso, lang), lang);
export const timeLabel = (iso: string, lang: string) => clock(iso, lang);
/**
 * "mardi 1 décembre 2026 à 9 h 30" inside a sentence (after "Rendez-vous confirmé :", "le"): Intl
 * joins the date and the time as each language does.
 */
export function whenInSentence(iso: string, lang: string): string {
	const parts = formatter('when', lang).formatToParts(new Date(iso));
	const hourAt = parts.findIndex((p) => p.type === 'hour');
	return isFrench(lang)
		? parts
				.slice(0, hourAt)
				.map((p) => p.value)
				.join('') + clock(iso, lang)
		: parts.map((p) => p.value).join('');
}
/** "Mardi 1 décembre 2026 à 9 h 30" on a line of its own. */
export const whenLabel = (iso: string, lang: string) =>
	capitalised(whenInSentence(iso, lang), lang);
