import commune from '$commune/commune.json';

/**
 * Languages the interface is translated into. `fr-x-falc` is easy-read French ("Français facile à
 * lire et à comprendre"): a private-use tag, so browsers, Intl and speech still treat it as French.
 */
export const TRANSLATED = ['fr', 'fr-x-falc', 'en', 'ar', 'pt', 'es'] as const;
export type Language = (typeof TRANSLATED)[number];

/** The commune offers a subset of them; French is always there. */
export const LANGUAGES: Language[] = TRANSLATED.filter(
	(lang) => lang === 'fr' || (commune.languages as string[]).includes(lang)
);

export const DEFAULT_LANGUAGE: Language = 'fr';

/**
 * Each language's name in itself, so a person who cannot read the current one finds hers. Here and
 * not read from the locale files, so the language menu does not fetch every language; the test of
 * the locale files checks that each says the same as its own `app.languageName`.
 */
export const LANGUAGE_NAMES: Record<Language, string> = {
	fr: 'Français',
	'fr-x-falc': 'Français facile à lire',
	en: 'English',
	ar: 'العربية',
	pt: 'Português',
	es: 'Español'
};

/** Right-to-left languages, for `<html dir>` (static/display.js knows this list too; display.test.ts
 * checks that it agrees). */
const RTL = new Set<string>(['ar']);

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as string[]).includes(value);
}

export function directionOf(lang: string): 'ltr' | 'rtl' {
	return RTL.has(lang) ? 'rtl' : 'ltr';
}

/** Picks from an Accept-Language header the first language offered here. */
export function fromAcceptLanguage(header: string | null): Language | undefined {
	if (!header) return undefined;
	const ranked = header
		.split(',')
		.map((part) => {
			const [tag = '', q] = part.trim().split(';q=');
			return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q) };
		})
		.filter((entry) => entry.q > 0)
		.sort((a, b) => b.q - a.q);
	// Easy-read French is a choice made here, never guessed from the browser.
	return ranked
		.map((entry) => entry.lang)
		.filter((lang) => lang !== 'fr-x-falc')
		.find(isLanguage);
}

/**
 * The locale `Intl` formats with. Arabic keeps Western digits and the 24-hour clock, as in the
 * Maghreb and in France (phone numbers and references use those digits too); easy-read French
 * formats as French.
 */
export function intlLocale(lang: string): string {
	if (lang === 'ar') return 'ar-u-nu-latn-hc-h23';
	return lang.split('-x-')[0] ?? lang;
}
