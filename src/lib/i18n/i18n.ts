import i18next, { type i18n, type TOptions } from 'i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import es from './locales/es.json';
import falc from './locales/fr-x-falc.json';
import fr from './locales/fr.json';
import pt from './locales/pt.json';
import { DEFAULT_LANGUAGE, intlLocale, type Language } from './languages';
import type { Localized } from '$lib/catalogue/types';
import { COMMUNE_TIME_ZONE } from '$lib/time/commune-time';

// Imported statically so every locale ships inside the precached bundle and works offline.
// Easy-read French covers the main journeys; anything else falls back to plain French.
export const resources = {
	fr: { translation: fr },
	'fr-x-falc': { translation: falc },
	en: { translation: en },
	ar: { translation: ar },
	pt: { translation: pt },
	es: { translation: es }
};

/** Each language's name in itself ("English"), read straight from its locale file. */
export function languageName(lang: Language): string {
	return resources[lang].translation.app.languageName;
}

export interface Translator {
	lang: Language;
	t: (key: string, options?: TOptions) => string;
	/** Picks a catalogue text in the current language, falling back to French. */
	pick: (value: Localized | Record<string, string> | undefined) => string;
	/** `fr` when a catalogue text has no version in the current language, for a `lang` attribute. */
	langOf: (value: Localized | Record<string, string> | undefined) => string | undefined;
	/** Dates and numbers in the person's language. */
	formatDateTime: (date: Date | string) => string;
}

/**
 * One i18next instance per call: the server makes one per request so requests never share a
 * language; initialised synchronously so the first paint is already translated.
 */
export function createTranslator(lang: Language, frenchOnly?: Record<string, unknown>): Translator {
	const instance: i18n = i18next.createInstance();
	void instance.init({
		lng: lang,
		fallbackLng: DEFAULT_LANGUAGE,
		// Texts of the staff area exist in French only (the commune's working language); every other
		// language falls back to them.
		resources: frenchOnly
			? { ...resources, fr: { translation: { ...fr, ...frenchOnly } } }
			: resources,
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false
	});
	// In the commune's time zone, not the machine's: a server running in UTC and a tablet in Paris
	// must write the same time, or a server-rendered page says 09:00 for a request sent at 10:00.
	const dateFormat = new Intl.DateTimeFormat(intlLocale(lang), {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: COMMUNE_TIME_ZONE
	});
	return {
		lang,
		t: (key, options) => instance.t(key, options) as string,
		pick: (value) => (value ? (value[lang] ?? value[DEFAULT_LANGUAGE] ?? '') : ''),
		langOf: (value) =>
			lang !== DEFAULT_LANGUAGE && value && !value[lang] ? DEFAULT_LANGUAGE : undefined,
		formatDateTime: (date) => dateFormat.format(typeof date === 'string' ? new Date(date) : date)
	};
}
