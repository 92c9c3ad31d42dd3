import i18next, { type i18n, type TOptions } from 'i18next';
import fr from './locales/fr.json';
import { DEFAULT_LANGUAGE, intlLocale, type Language } from './languages';
import type { Localized } from '$lib/catalogue/types';
import { COMMUNE_TIME_ZONE } from '$lib/time/commune-time';

type Messages = typeof fr;

// French is in every bundle: it is the default and what every other language falls back to.
// The other languages are chunks of their own, fetched when chosen; the service worker precaches
// every chunk, so each language still opens offline, and a first visit downloads only its own.
const loaders = import.meta.glob<{ default: Messages }>(['./locales/*.json', '!./locales/fr.json']);
const loaded = new Map<Language, Messages>([['fr', fr]]);

/** Fetches a language's texts once; `createTranslator` then has them. */
export async function loadLanguage(lang: Language): Promise<void> {
	if (loaded.has(lang)) return;
	const load = loaders[`./locales/${lang}.json`];
	if (load) loaded.set(lang, (await load()).default);
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
	/** A day without its time ("14 décembre 2027"): a date to act by. */
	formatDate: (date: Date | string) => string;
}

// Translators made, per set of extra French texts (none: the portal's own): one i18next instance
// per language, not per request or navigation — making one cost a fifth of a server-rendered page.
// They are safe to share: a translator's language never changes (no `changeLanguage` anywhere).
const made = new Map<ExtraTexts | undefined, Map<Language, Translator>>();

/**
 * Texts a part of the portal adds to the tablet's, kept out of its bundle: the staff area's (in
 * French only, the commune's working language), the notices' (e-mail, SMS, letter: written on the
 * server, in each language). French is required, what every other language falls back to. Give
 * the same object every time (a module's constant): translators are kept per object.
 */
export type ExtraTexts = { fr: Record<string, unknown> } & Partial<
	Record<Language, Record<string, unknown>>
>;

/**
 * The translator of a language, initialised synchronously (once `loadLanguage` is done) so the
 * first paint is translated. Requests never share a language: each has its own language's instance.
 */
export function createTranslator(lang: Language, extra?: ExtraTexts): Translator {
	const own = lang === DEFAULT_LANGUAGE ? undefined : loaded.get(lang);
	let forTexts = made.get(extra);
	if (!forTexts) made.set(extra, (forTexts = new Map()));
	const known = forTexts.get(lang);
	if (known) return known;
	const translator = makeTranslator(lang, own, extra);
	// One made before its language was fetched reads in French: kept only once it has its texts.
	if (lang === DEFAULT_LANGUAGE || own) forTexts.set(lang, translator);
	return translator;
}

function makeTranslator(
	lang: Language,
	own: Messages | undefined,
	extra: ExtraTexts | undefined
): Translator {
	const instance: i18n = i18next.createInstance();
	const added = lang === DEFAULT_LANGUAGE ? undefined : extra?.[lang];
	// A language not fetched yet (`loadLanguage`) reads in French rather than showing keys.
	void instance.init({
		lng: lang,
		fallbackLng: DEFAULT_LANGUAGE,
		resources: {
			fr: { translation: extra ? { ...fr, ...extra.fr } : fr },
			...(own || added ? { [lang]: { translation: { ...own, ...added } } } : {})
		},
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
	const dayFormat = new Intl.DateTimeFormat(intlLocale(lang), {
		dateStyle: 'long',
		timeZone: COMMUNE_TIME_ZONE
	});
	return {
		lang,
		t: (key, options) => instance.t(key, options) as string,
		pick: (value) => (value ? (value[lang] ?? value[DEFAULT_LANGUAGE] ?? '') : ''),
		langOf: (value) =>
			lang !== DEFAULT_LANGUAGE && value && !value[lang] ? DEFAULT_LANGUAGE : undefined,
		formatDateTime: (date) => dateFormat.format(typeof date === 'string' ? new Date(date) : date),
		formatDate: (date) => dayFormat.format(typeof date === 'string' ? new Date(date) : date)
	};
}
