import commune from '$commune/commune.json';

/** Languages the interface is translated into. */
export const TRANSLATED = ['fr', 'en'] as const;
export type Language = (typeof TRANSLATED)[number];

/** The commune offers a subset of them; French is always there. */
export const LANGUAGES: Language[] = TRANSLATED.filter(
	(lang) => lang === 'fr' || (commune.languages as string[]).includes(lang)
);

export const DEFAULT_LANGUAGE: Language = 'fr';

/** Right-to-left languages, for `<html dir>` (none yet; Arabic comes with the next translations). */
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
	return ranked.map((entry) => entry.lang).find(isLanguage);
}
